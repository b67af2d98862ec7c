"""The Pennylane Company API v2 client (httpx), its models, errors, rate limiter and credentials. Qt-free.

Submodules: ``client`` (:class:`PennylaneClient`), ``errors`` (the exception hierarchy), ``auth``
(token sources), ``ratelimit`` (one limiter per token), ``models`` (request/response models
matching the OpenAPI document), ``payloads`` (domain drafts → import bodies), ``logsafe``
(log redaction). Import them directly; this package module stays light.
"""
