#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Write a PFS/0.9 image (Arcadyan eCos web file system) of a folder.

usage: mkpfs.py OUT ROOT [--name-len N] [--damage]

Every regular file below ROOT becomes one entry, in sorted path order,
named with '\\' between components like the vendor images. The header is
"PFS/0.9\\0", 4 zero bytes, le16 name field size, le16 entry count; each
entry is the NUL-padded name field, le32 0xb8b23af9 (the unknown word of
the Linksys WRT120N image), le32 offset and le32 size; offsets count from
the end of the table. --damage puts three bad entries after the first
file: an empty name, a name with a '..' component, and a file whose data
lies past the end of the image; and a last entry that repeats the first
file's name with the last file's data (the later entry should win). The
output depends only on the folder: no times, no randomness.
"""
import os
import struct
import sys

UNKNOWN = 0xB8B23AF9


def main(argv):
    args = list(argv[1:])
    name_len = 64
    damage = False
    if "--damage" in args:
        args.remove("--damage")
        damage = True
    if "--name-len" in args:
        i = args.index("--name-len")
        name_len = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    out, root = args
    files = []
    for top, dirs, names in os.walk(root):
        dirs.sort()
        for n in sorted(names):
            p = os.path.join(top, n)
            if os.path.islink(p) or not os.path.isfile(p):
                continue  # PFS stores regular files only
            rel = os.path.relpath(p, root).replace(os.sep, "\\")
            with open(p, "rb") as f:
                files.append((rel.encode(), f.read()))
    files.sort()
    entries = []  # (name bytes, offset, size)
    data = b""
    for name, body in files:
        entries.append((name, len(data), len(body)))
        data += body
    if damage:
        bad = [(b"", 0, 4), (b"www\\..\\..\\evil", 0, 4),
               (b"www\\past-end.bin", len(data) + 16, 32)]
        dup = (entries[0][0], entries[-1][1], entries[-1][2])
        entries[1:1] = bad
        entries.append(dup)
    table = b""
    for name, off, size in entries:
        if len(name) > name_len:
            sys.exit("name too long: %r" % name)
        table += name.ljust(name_len, b"\0")
        table += struct.pack("<III", UNKNOWN, off, size)
    hdr = b"PFS/0.9\0" + b"\0\0\0\0" + struct.pack("<HH", name_len,
                                                    len(entries))
    with open(out, "wb") as f:
        f.write(hdr + table + data)


if __name__ == "__main__":
    main(sys.argv)
