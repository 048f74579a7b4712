#pragma once

#include <QByteArrayView>

#include <functional>
#include <memory>

namespace Rwb {

// Undoes a response's Content-Encoding chunk by chunk, as a browser does before the page sees the body:
// gzip (and x-gzip), deflate (zlib-wrapped or raw, as servers send both), br and zstd, the codings the
// browser profile offers with Chromium's Accept-Encoding. QNAM decodes only when it chose Accept-Encoding
// itself, and the engine sets that header.
class BodyDecoder
{
public:
    using Sink = std::function<void(const char *data, qsizetype size)>;

    // A decoder for the response's Content-Encoding value. None, "identity", a coding it does not know or
    // several codings: bytes pass through as they are.
    explicit BodyDecoder(QByteArrayView contentEncoding);
    ~BodyDecoder();
    BodyDecoder(const BodyDecoder &) = delete;
    BodyDecoder &operator=(const BodyDecoder &) = delete;

    // Whether the body is decoded (else passed through).
    bool decodes() const;
    // Decodes the next bytes of the body and hands what comes out to `sink`, in order. After a corrupt
    // stream nothing more comes out (the browser would show an error page); false from then on.
    bool write(const char *data, qsizetype size, const Sink &sink);
    bool failed() const;

    class Stream;  // one coding's decoder (bodydecoder.cpp)

private:
    std::unique_ptr<Stream> m_stream;
    bool m_failed = false;
};

}  // namespace Rwb
