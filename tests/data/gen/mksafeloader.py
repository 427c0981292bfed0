#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Write a TP-Link safeloader factory image around a kernel and a rootfs.

usage: mksafeloader.py OUT KERNEL ROOTFS [--vendor TEXT] [--soft-ver TEXT]
                       [--board NAME] [--trail N] [--damage KIND]

The layout is the one OpenWrt's firmware-utils tplink-safeloader writes:
be32 image length, MD5 over a 16-byte salt and bytes 0x14..end, a 0x1000
vendor block (be32 length + --vendor text, padded with 0xff; all 0xff
without --vendor), then at 0x1014 a 0x800-byte table of lines
"fwup-ptn NAME base 0x%05x size 0x%05x\\t\\r\\n" ended by a NUL and padded
with 0xff, then the partitions in the tool's order: partition-table (the
flash layout: 00 04 00 00 and "partition NAME base .. size ..\\n" lines),
soft-version, support-list, os-image (KERNEL), file-system (ROOTFS) and
extra-para. Bases count from 0x1014; the first partition is at 0x800.

soft-version, support-list and extra-para carry an 8-byte header (be32
data length, be32 zero) and one trailing byte --trail (default 0, as on
the Archer C7 v5; -1 for none). soft-version is the text
"soft_ver:TEXT\\n" with a NUL when --soft-ver is given, else the binary
form: 0xff, 1, 0, 0, BCD date 2024-05-01, be32 revision 0x1234.

--damage garbage   puts a line of garbage after the os-image line;
--damage past-end  adds a partition "extra-blob" whose base lies past the
                   end of the image;
--damage md5       flips one bit of the stored MD5.
The output depends only on the inputs: no times, no randomness.
"""
import hashlib
import struct
import sys

SALT = bytes([0x7a, 0x2b, 0x15, 0xed, 0x9b, 0x98, 0x59, 0x6d,
              0xe5, 0x04, 0xab, 0x44, 0xac, 0x2a, 0x9f, 0x4e])
TABLE = 0x800
PAYLOAD = 0x1014

FLASH = [("fs-uboot", 0x00000, 0x20000), ("partition-table", 0x20000, 0x10000),
         ("soft-version", 0x30000, 0x01000), ("support-list", 0x31000, 0x0f000),
         ("extra-para", 0x40000, 0x01000), ("os-image", 0x50000, 0x200000),
         ("file-system", 0x250000, 0xd80000)]


def meta(data, trail):
    out = struct.pack(">II", len(data), 0) + data
    if trail >= 0:
        out += bytes([trail])
    return out


def main(argv):
    args = list(argv[1:])
    opts = {"--vendor": None, "--soft-ver": None, "--board": "Archer C7",
            "--trail": "0", "--damage": None}
    for k in list(opts):
        if k in args:
            i = args.index(k)
            opts[k] = args[i + 1]
            del args[i:i + 2]
    if len(args) != 3:
        sys.exit(__doc__)
    out, kernel, rootfs = args
    trail = int(opts["--trail"])
    with open(kernel, "rb") as f:
        kdata = f.read()
    with open(rootfs, "rb") as f:
        rdata = f.read()

    flash = b"\x00\x04\x00\x00" + b"".join(
        b"partition %s base 0x%05x size 0x%05x\n" % (n.encode(), b, s)
        for n, b, s in FLASH) + b"\x00"
    flash = flash.ljust(TABLE, b"\xff")
    if opts["--soft-ver"] is not None:
        soft = meta(b"soft_ver:%s\n\x00" % opts["--soft-ver"].encode(), trail)
    else:
        soft = meta(bytes([0xff, 1, 0, 0, 0x20, 0x24, 0x05, 0x01]) +
                    struct.pack(">I", 0x1234), trail)
    board = opts["--board"].encode()
    support = meta(b"SupportList:\n" + b"".join(
        b"{product_name:%s,product_ver:5.0.0,special_id:%s}\n" % (board, sid)
        for sid in (b"00000000", b"45550000", b"55530000")), trail)
    parts = [("partition-table", flash), ("soft-version", soft),
             ("support-list", support), ("os-image", kdata),
             ("file-system", rdata),
             ("extra-para", meta(b"\x01\x00", trail))]

    table = b""
    body = b""
    base = TABLE
    for name, data in parts:
        table += b"fwup-ptn %s base 0x%05x size 0x%05x\t\r\n" % (
            name.encode(), base, len(data))
        if opts["--damage"] == "garbage" and name == "os-image":
            table += b"fwup-ptn \x01\x02garbage base 0xzz size\t\r\n"
        body += data
        base += len(data)
    if opts["--damage"] == "past-end":
        table += b"fwup-ptn extra-blob base 0x%05x size 0x%05x\t\r\n" % (
            base + 0x10000, 0x100)
    if len(table) >= TABLE:
        sys.exit("partition table overflow")
    table = (table + b"\x00").ljust(TABLE, b"\xff")

    vendor = b"\xff" * 0x1000
    if opts["--vendor"] is not None:
        v = opts["--vendor"].encode().decode("unicode_escape").encode()
        vendor = (struct.pack(">I", len(v)) + v).ljust(0x1000, b"\xff")
    rest = vendor + table + body
    total = 0x14 + len(rest)
    md5 = hashlib.md5(SALT + rest).digest()
    if opts["--damage"] == "md5":
        md5 = bytes([md5[0] ^ 1]) + md5[1:]
    with open(out, "wb") as f:
        f.write(struct.pack(">I", total) + md5 + rest)


if __name__ == "__main__":
    main(sys.argv)
