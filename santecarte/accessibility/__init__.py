"""Our own APL: the DREES E2SFCA between communes, with a pluggable travel-time model."""
