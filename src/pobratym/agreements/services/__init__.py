"""Every change to agreements and letters, one module per workflow."""
