"""SantéCarte: primary-care supply and demand for every French commune."""
