#include "core/engine/bodydecoder.h"

#include <QByteArray>

#include <utility>

#include <brotli/decode.h>
#include <zlib.h>
#include <zstd.h>

namespace Rwb {

// One coding's decoder: consumes input, hands output to the sink, false on corrupt data.
class BodyDecoder::Stream
{
public:
    virtual ~Stream() = default;
    virtual bool write(const char *data, qsizetype size, const Sink &sink) = 0;

protected:
    static constexpr qsizetype kChunk = 16 * 1024;  // output buffer on the stack
};

namespace {

class ZlibStream final : public BodyDecoder::Stream
{
public:
    // gzip: the gzip wrapper; deflate: zlib-wrapped or raw, told apart by the first two bytes.
    explicit ZlibStream(bool gzip)
        : m_gzip(gzip)
    {
    }
    ~ZlibStream() override
    {
        if (m_started)
            inflateEnd(&m_z);
    }

    bool write(const char *data, qsizetype size, const BodyDecoder::Sink &sink) override
    {
        if (m_done || size == 0)
            return true;
        QByteArray head;
        if (!m_started) {
            // The kind of deflate data shows in its first two bytes: wait for them.
            m_head.append(data, size);
            if (!m_gzip && m_head.size() < 2)
                return true;
            if (!start(m_head.constData(), m_head.size()))
                return false;
            head = std::exchange(m_head, {});
            data = head.constData();
            size = head.size();
        }
        m_z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
        m_z.avail_in = uInt(size);
        char out[kChunk];
        int rc = Z_OK;
        do {
            m_z.next_out = reinterpret_cast<Bytef *>(out);
            m_z.avail_out = uInt(sizeof out);
            rc = inflate(&m_z, Z_NO_FLUSH);
            const qsizetype produced = qsizetype(sizeof out) - qsizetype(m_z.avail_out);
            if (produced > 0)
                sink(out, produced);
            if (rc == Z_STREAM_END) {
                m_done = true;  // what follows the stream is ignored, as browsers do
                return true;
            }
            if (rc != Z_OK && rc != Z_BUF_ERROR)
                return false;
        } while (m_z.avail_out == 0 || (m_z.avail_in > 0 && rc == Z_OK));
        return true;
    }

private:
    bool start(const char *data, qsizetype size)
    {
        int windowBits = 15 + 16;  // gzip
        if (!m_gzip) {
            // RFC 1950: a zlib header is CM 8 and a check making the first two bytes a multiple of 31.
            const auto b0 = uchar(data[0]);
            const bool zlibHeader = size >= 2 && (b0 & 0x0f) == 8 && ((b0 << 8) | uchar(data[1])) % 31 == 0;
            windowBits = zlibHeader ? 15 : -15;
        }
        m_started = inflateInit2(&m_z, windowBits) == Z_OK;
        return m_started;
    }

    z_stream m_z{};
    QByteArray m_head;  // deflate: the first byte, until the second comes
    bool m_gzip;
    bool m_started = false;
    bool m_done = false;
};

class BrotliStream final : public BodyDecoder::Stream
{
public:
    BrotliStream()
        : m_state(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr))
    {
    }
    ~BrotliStream() override { BrotliDecoderDestroyInstance(m_state); }

    bool write(const char *data, qsizetype size, const BodyDecoder::Sink &sink) override
    {
        size_t availableIn = size_t(size);
        auto nextIn = reinterpret_cast<const uint8_t *>(data);
        uint8_t out[kChunk];
        for (;;) {
            size_t availableOut = sizeof out;
            uint8_t *nextOut = out;
            const BrotliDecoderResult rc = BrotliDecoderDecompressStream(m_state, &availableIn, &nextIn,
                                                                         &availableOut, &nextOut, nullptr);
            if (availableOut < sizeof out)
                sink(reinterpret_cast<const char *>(out), qsizetype(sizeof out - availableOut));
            if (rc == BROTLI_DECODER_RESULT_ERROR)
                return false;
            if (rc != BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT)
                return true;
        }
    }

private:
    BrotliDecoderState *m_state;
};

class ZstdStream final : public BodyDecoder::Stream
{
public:
    ZstdStream()
        : m_stream(ZSTD_createDStream())
    {
        ZSTD_initDStream(m_stream);
    }
    ~ZstdStream() override { ZSTD_freeDStream(m_stream); }

    bool write(const char *data, qsizetype size, const BodyDecoder::Sink &sink) override
    {
        ZSTD_inBuffer in{data, size_t(size), 0};
        char out[kChunk];
        for (;;) {
            ZSTD_outBuffer o{out, sizeof out, 0};
            const size_t rc = ZSTD_decompressStream(m_stream, &o, &in);
            if (ZSTD_isError(rc))
                return false;
            if (o.pos > 0)
                sink(out, qsizetype(o.pos));
            // Done with this input once it is consumed and the output buffer was not filled up.
            if (in.pos == in.size && o.pos < o.size)
                return true;
        }
    }

private:
    ZSTD_DStream *m_stream;
};

}  // namespace

BodyDecoder::BodyDecoder(QByteArrayView contentEncoding)
{
    const QByteArray coding = contentEncoding.toByteArray().trimmed().toLower();
    if (coding == "gzip" || coding == "x-gzip")
        m_stream = std::make_unique<ZlibStream>(true);
    else if (coding == "deflate")
        m_stream = std::make_unique<ZlibStream>(false);
    else if (coding == "br")
        m_stream = std::make_unique<BrotliStream>();
    else if (coding == "zstd")
        m_stream = std::make_unique<ZstdStream>();
}

BodyDecoder::~BodyDecoder() = default;

bool BodyDecoder::decodes() const
{
    return m_stream != nullptr;
}

bool BodyDecoder::failed() const
{
    return m_failed;
}

bool BodyDecoder::write(const char *data, qsizetype size, const Sink &sink)
{
    if (m_failed)
        return false;
    if (!m_stream) {
        sink(data, size);
        return true;
    }
    m_failed = !m_stream->write(data, size, sink);
    return !m_failed;
}

}  // namespace Rwb
