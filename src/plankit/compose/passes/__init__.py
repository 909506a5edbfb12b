"""Document passes: small functions run in order over the composed tree."""
