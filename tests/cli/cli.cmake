# One line per CLI test script (numbered: first digit = family).
