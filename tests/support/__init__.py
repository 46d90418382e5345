"""Helpers shared by the tests: paths to real data, the test Neo4j server, factories."""
