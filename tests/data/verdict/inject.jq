# Seeds a report made by `assay ics check --format json` with findings and
# coverage, as a scan would add them (tests/cli/t6*.sh).
.target = {"kind": "image", "name": "cam-1.4.2.bin", "size": 4194304,
           "sha256": "9f2c1b0e5d6a7c8b9f2c1b0e5d6a7c8b9f2c1b0e5d6a7c8b9f2c1b0e5d6a7c8b"}
| .findings = [
  {"check": "FW-CRYPTO-001", "provisions": ["5.1-3"], "severity": "high",
   "confidence": "high", "title": "weak password hash format (md5-crypt)",
   "source": "static", "path": "/etc/shadow",
   "container": "cam-1.4.2.bin > squashfs@0x40000", "line": 1,
   "evidence": "root:$1$xyz$...", "remediation": "use yescrypt or sha512-crypt"},
  {"check": "NET-PORT-UNDECLARED", "provisions": ["5.6-1"], "severity": "low",
   "confidence": "high", "title": "undeclared service on tcp/23 (telnet)",
   "source": "dynamic", "path": null, "container": null,
   "evidence": "banner: BusyBox telnetd", "remediation": "disable telnetd or declare it in the IXIT"},
  {"check": "FW-MIN-002", "provisions": ["5.6-6"], "severity": "low",
   "confidence": "medium", "title": "debug tool left in the image: gdbserver <img src=x onerror=alert(1)>",
   "source": "static", "path": "/usr/bin/gdbserver",
   "container": "cam-1.4.2.bin > squashfs@0x40000", "offset": 0,
   "evidence": "ELF executable \"gdbserver\" & friends", "remediation": null},
  {"check": "FW-OLD-001", "provisions": ["9.9-9"], "severity": "info",
   "confidence": "low", "title": "finding citing a provision the standard lacks",
   "source": "static", "path": "/etc/issue", "container": null,
   "evidence": null, "remediation": null}
]
| .coverage = [
  {"provision": "5.1-3", "check": "FW-CRYPTO-001"},
  {"provision": "5.4-3", "check": "FW-SECRET-001"},
  {"provision": "5.6-1", "check": "NET-PORT-001"},
  {"provision": "5.6-1", "check": "NET-PORT-UNDECLARED"},
  {"provision": "5.6-6", "check": "FW-MIN-002"}
]
| .components = [
  {"name": "busybox", "version": "1.24.1", "path": "/bin/busybox",
   "evidence": "version string", "purl": "pkg:generic/busybox@1.24.1",
   "cpe": "cpe:2.3:a:busybox:busybox:1.24.1:*:*:*:*:*:*:*", "confidence": "high"},
  {"name": "openssl", "version": "1.0.2k", "path": "/usr/lib/libssl.so.1.0.0",
   "evidence": "version string", "purl": "pkg:generic/openssl@1.0.2k",
   "cpe": null, "confidence": "medium"}
]
