"""botocore.response.StreamingBody: a streaming blob in a response (Invoke's Payload)."""
import io


class StreamingBody(io.IOBase):
    _DEFAULT_CHUNK_SIZE = 1024

    def __init__(self, raw_stream, content_length):
        self._raw_stream = raw_stream
        self._content_length = content_length
        self._amount_read = 0

    def readable(self):
        return True

    def read(self, amt=None):
        chunk = self._raw_stream.read() if amt is None else self._raw_stream.read(amt)
        self._amount_read += len(chunk)
        return chunk

    def readlines(self):
        return self._raw_stream.readlines()

    def __iter__(self):
        return self.iter_chunks(self._DEFAULT_CHUNK_SIZE)

    def __next__(self):
        chunk = self.read(self._DEFAULT_CHUNK_SIZE)
        if chunk:
            return chunk
        raise StopIteration()

    def iter_lines(self, chunk_size=_DEFAULT_CHUNK_SIZE, keepends=False):
        pending = b""
        for chunk in self.iter_chunks(chunk_size):
            lines = (pending + chunk).splitlines(True)
            pending = lines.pop() if lines else b""
            for line in lines:
                yield line if keepends else line.splitlines()[0]
        if pending:
            yield pending if keepends else pending.splitlines()[0]

    def iter_chunks(self, chunk_size=_DEFAULT_CHUNK_SIZE):
        while True:
            chunk = self.read(chunk_size)
            if not chunk:
                break
            yield chunk

    def close(self):
        self._raw_stream.close()

    def __repr__(self):
        return f"<botocore.response.StreamingBody object at {hex(id(self))}>"
