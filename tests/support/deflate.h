// zlib's deflate of a whole buffer for the tests that serve or read compressed bytes: windowBits as
// deflateInit2 takes them (15 + 16: gzip, 15: zlib, -15: raw deflate). The test links ZLIB::ZLIB.
#pragma once

#include <QByteArray>

#include <zlib.h>

namespace Rwb::Test {

inline QByteArray deflated(const QByteArray &in, int windowBits)
{
    z_stream z{};
    deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&z, uLong(in.size()))) + 64, Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
    z.avail_in = uInt(in.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

inline QByteArray gzipped(const QByteArray &in)
{
    return deflated(in, 15 + 16);
}

}  // namespace Rwb::Test
