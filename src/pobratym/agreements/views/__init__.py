"""Pages of agreements and the letters register."""
