"""Client side of the OSO Traffic Center protocol."""
