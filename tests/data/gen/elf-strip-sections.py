#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Copy ELF files with their section header table removed from the header
(e_shoff = e_shnum = e_shstrndx = 0), as vendor firmware often ships them
(sstrip-style), keeping their paths relative to SRCROOT.
usage: elf-strip-sections.py SRCROOT OUTDIR FILE..."""
import os
import struct
import sys

root, out = sys.argv[1], sys.argv[2]
for path in sys.argv[3:]:
    data = bytearray(open(path, "rb").read())
    if data[:4] != b"\x7fELF":
        continue
    end = "<" if data[5] == 1 else ">"
    if data[4] == 2:
        struct.pack_into(end + "Q", data, 40, 0)
        struct.pack_into(end + "HHH", data, 58, 0, 0, 0)
    else:
        struct.pack_into(end + "I", data, 32, 0)
        struct.pack_into(end + "HHH", data, 46, 0, 0, 0)
    dest = os.path.join(out, os.path.relpath(path, root))
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    with open(dest, "wb") as f:
        f.write(data)
