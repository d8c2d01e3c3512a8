"""Every read of agreements and letters, scoped to the viewer; one module per screen family."""
