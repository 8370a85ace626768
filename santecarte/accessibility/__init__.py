"""Arrays in, arrays out: the DREES E2SFCA engine, decay, the travel-time model, islands, the
network, scenario maths. No file or database read: the callers pass what it needs."""
