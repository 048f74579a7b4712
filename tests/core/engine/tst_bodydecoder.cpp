// The browser's Content-Encoding decoding (gzip, deflate, br, zstd) over bodies that arrive in pieces:
// the encoders of the same libraries make the input.
#include "core/engine/bodydecoder.h"
#include "support/deflate.h"

#include <QTest>

#include <brotli/encode.h>
#include <zlib.h>
#include <zstd.h>

using namespace Rwb;

namespace {

QByteArray encode(const QByteArray &coding, const QByteArray &in)
{
    if (coding == "gzip")
        return Rwb::Test::deflated(in, 15 + 16);
    if (coding == "deflate")
        return Rwb::Test::deflated(in, 15);
    if (coding == "deflate-raw")
        return Rwb::Test::deflated(in, -15);
    if (coding == "br") {
        size_t size = BrotliEncoderMaxCompressedSize(size_t(in.size()));
        QByteArray out(qsizetype(size), Qt::Uninitialized);
        BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_DEFAULT_MODE,
                              size_t(in.size()), reinterpret_cast<const uint8_t *>(in.constData()), &size,
                              reinterpret_cast<uint8_t *>(out.data()));
        out.resize(qsizetype(size));
        return out;
    }
    if (coding == "zstd") {
        QByteArray out(qsizetype(ZSTD_compressBound(size_t(in.size()))), Qt::Uninitialized);
        out.resize(
            qsizetype(ZSTD_compress(out.data(), size_t(out.size()), in.constData(), size_t(in.size()), 3)));
        return out;
    }
    return in;
}

// Feeds `encoded` in pieces of `piece` bytes; the decoded bytes as they came out.
QByteArray decode(BodyDecoder &decoder, const QByteArray &encoded, qsizetype piece, bool *ok)
{
    QByteArray out;
    *ok = true;
    for (qsizetype at = 0; at < encoded.size(); at += piece) {
        *ok = decoder.write(encoded.constData() + at, qMin(piece, encoded.size() - at),
                            [&out](const char *d, qsizetype n) { out.append(d, n); })
              && *ok;
    }
    return out;
}

}  // namespace

class TestBodyDecoder : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void passThrough_data();
    void passThrough();
    void corrupt_data();
    void corrupt();
};

void TestBodyDecoder::roundTrip_data()
{
    QTest::addColumn<QByteArray>("coding");  // how the body is encoded
    QTest::addColumn<QByteArray>("header");  // the Content-Encoding that names it
    QTest::addColumn<qsizetype>("piece");
    QTest::addColumn<QByteArray>("body");
    const QByteArray html = QByteArray("<p>Hello, redirect</p>\n").repeated(3);
    // Much more than one output buffer (16 KiB) out of a little input: every "more output" loop runs.
    QByteArray big;
    for (int i = 0; i < 40000; ++i)
        big += QByteArray::number(i % 97) + ' ';
    for (const char *coding : {"gzip", "deflate", "br", "zstd"}) {
        for (const qsizetype piece : {qsizetype(1), qsizetype(7), qsizetype(1 << 20)}) {
            QTest::addRow("%s/%lld/small", coding, qlonglong(piece))
                << QByteArray(coding) << QByteArray(coding) << piece << html;
            QTest::addRow("%s/%lld/big", coding, qlonglong(piece))
                << QByteArray(coding) << QByteArray(coding) << piece << big;
        }
    }
    QTest::newRow("raw deflate, as some servers send")
        << QByteArray("deflate-raw") << QByteArray("deflate") << qsizetype(5) << html;
    QTest::newRow("x-gzip") << QByteArray("gzip") << QByteArray("x-gzip") << qsizetype(3) << html;
    QTest::newRow("names are case-insensitive")
        << QByteArray("br") << QByteArray(" BR ") << qsizetype(100) << big;
    QTest::newRow("empty body") << QByteArray("gzip") << QByteArray("gzip") << qsizetype(4) << QByteArray();
}

void TestBodyDecoder::roundTrip()
{
    QFETCH(QByteArray, coding);
    QFETCH(QByteArray, header);
    QFETCH(qsizetype, piece);
    QFETCH(QByteArray, body);
    BodyDecoder decoder(header);
    QVERIFY(decoder.decodes());
    const QByteArray encoded = encode(coding, body);
    QVERIFY(encoded != body || body.isEmpty());
    bool ok = false;
    QCOMPARE(decode(decoder, encoded, piece, &ok), body);
    QVERIFY(ok);
    QVERIFY(!decoder.failed());
    // Bytes after the end of a gzip stream are not body.
    if (coding == "gzip") {
        BodyDecoder again(header);
        QCOMPARE(decode(again, encoded + "trailing junk", piece, &ok), body);
    }
}

void TestBodyDecoder::passThrough_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("none") << QByteArray();
    QTest::newRow("identity") << QByteArray("identity");
    QTest::newRow("unknown") << QByteArray("compress");
    QTest::newRow("two codings") << QByteArray("gzip, br");
}

void TestBodyDecoder::passThrough()
{
    QFETCH(QByteArray, header);
    BodyDecoder decoder(header);
    QVERIFY(!decoder.decodes());
    const QByteArray bytes("\x1f\x8b not really gzip", 18);
    bool ok = false;
    QCOMPARE(decode(decoder, bytes, 4, &ok), bytes);
    QVERIFY(ok);
}

void TestBodyDecoder::corrupt_data()
{
    QTest::addColumn<QByteArray>("coding");
    for (const char *coding : {"gzip", "deflate", "br", "zstd"})
        QTest::newRow(coding) << QByteArray(coding);
}

void TestBodyDecoder::corrupt()
{
    QFETCH(QByteArray, coding);
    QByteArray encoded = encode(coding, QByteArray("some text to spoil, some text to spoil").repeated(20));
    for (qsizetype i = 4; i < encoded.size(); i += 3)
        encoded[i] = char(encoded.at(i) ^ 0x5a);
    BodyDecoder decoder(coding);
    bool ok = true;
    decode(decoder, encoded, 16, &ok);
    QVERIFY(!ok);
    QVERIFY(decoder.failed());
    QVERIFY(!decoder.write("more", 4,
                           [](const char *, qsizetype) { QFAIL("nothing comes out after an error"); }));
}

QTEST_GUILESS_MAIN(TestBodyDecoder)
#include "tst_bodydecoder.moc"
