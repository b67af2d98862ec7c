"""The Pennylane Company API v2 client (httpx), its models, errors, rate limiter and credentials. Qt-free."""
