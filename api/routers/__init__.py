"""HTTP routers: typed parameters, one call into the library, one response model."""
