"""Reading what a download answered, whether it came whole or streamed."""


def body(response) -> bytes:
    """The whole body: a streamed answer (`StreamingHttpResponse`) is read to its end here, so
    the queries it makes while streaming count where this is called."""
    return b"".join(response.streaming_content) if response.streaming else response.content
