"""A local stand-in of the Pennylane API for tests, benchmarks and --demo. Qt-free."""
