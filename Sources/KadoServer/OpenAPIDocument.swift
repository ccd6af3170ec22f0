/// The repository's `openapi.yaml`, built into the binary (`make openapi` writes
/// ``text`` in OpenAPIDocument+Text.swift; a test fails while the two differ).
enum OpenAPIDocument {}
