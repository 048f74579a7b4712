// The relay's HTTP/2 pieces on their own (core/engine/private/h2client_p.h): the fields a request head
// becomes, the HTTP/1.1 head Qt is given for a response, and H2Client against libnghttp2's own server
// session in memory (no sockets): a response with repeated fields, 1xx heads, a body in DATA frames, a reset
// stream, a GOAWAY, and bytes that are no HTTP/2 at all.
#include "../../../app/core/engine/private/h2client_p.h"

#include <QTest>

#include <nghttp2/nghttp2.h>

#include <cstring>

using namespace Rwb::Detail;

namespace {

QByteArray lines(const H2Fields &fields)
{
    QByteArray out;
    for (const auto &[name, value] : fields)
        out += name + ": " + value + "\n";
    return out;
}

// A server in memory: libnghttp2's server session, answering each request with what the test gives.
class MemoryServer
{
public:
    struct Answer {
        H2Fields head;  // ":status" first
        QByteArray body;
        QList<H2Fields> informational;
        bool reset = false;
        bool goAway = false;
    };

    explicit MemoryServer(Answer answer)
        : m_answer(std::move(answer))
    {
        nghttp2_session_callbacks *cb = nullptr;
        nghttp2_session_callbacks_new(&cb);
        nghttp2_session_callbacks_set_on_header_callback(
            cb, [](nghttp2_session *, const nghttp2_frame *, const uint8_t *name, size_t nameLength,
                   const uint8_t *value, size_t valueLength, uint8_t, void *self) {
                static_cast<MemoryServer *>(self)->received.append(
                    {QByteArray(reinterpret_cast<const char *>(name), qsizetype(nameLength)),
                     QByteArray(reinterpret_cast<const char *>(value), qsizetype(valueLength))});
                return 0;
            });
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(
            cb, [](nghttp2_session *, uint8_t, int32_t, const uint8_t *data, size_t length, void *self) {
                static_cast<MemoryServer *>(self)->body.append(reinterpret_cast<const char *>(data),
                                                               qsizetype(length));
                return 0;
            });
        nghttp2_session_callbacks_set_on_frame_recv_callback(
            cb, [](nghttp2_session *, const nghttp2_frame *f, void *self) {
                if ((f->hd.type == NGHTTP2_HEADERS || f->hd.type == NGHTTP2_DATA)
                    && (f->hd.flags & NGHTTP2_FLAG_END_STREAM))
                    static_cast<MemoryServer *>(self)->respond(f->hd.stream_id);
                return 0;
            });
        nghttp2_session_server_new(&m_session, cb, this);
        nghttp2_session_callbacks_del(cb);
        nghttp2_submit_settings(m_session, NGHTTP2_FLAG_NONE, nullptr, 0);
    }
    ~MemoryServer() { nghttp2_session_del(m_session); }

    bool receive(const QByteArray &bytes)
    {
        return nghttp2_session_mem_recv(m_session, reinterpret_cast<const uint8_t *>(bytes.constData()),
                                        size_t(bytes.size()))
               == bytes.size();
    }
    QByteArray send()
    {
        QByteArray out;
        const uint8_t *data = nullptr;
        for (ssize_t n; (n = nghttp2_session_mem_send(m_session, &data)) > 0;)
            out.append(reinterpret_cast<const char *>(data), qsizetype(n));
        return out;
    }

    H2Fields received;
    QByteArray body;

private:
    static QList<nghttp2_nv> nv(const H2Fields &fields)
    {
        QList<nghttp2_nv> out;
        for (const auto &[n, v] : fields)
            out.append({reinterpret_cast<uint8_t *>(const_cast<char *>(n.constData())),
                        reinterpret_cast<uint8_t *>(const_cast<char *>(v.constData())), size_t(n.size()),
                        size_t(v.size()), NGHTTP2_NV_FLAG_NONE});
        return out;
    }
    void respond(int32_t stream)
    {
        if (m_answer.reset) {
            nghttp2_submit_rst_stream(m_session, NGHTTP2_FLAG_NONE, stream, NGHTTP2_REFUSED_STREAM);
            return;
        }
        for (const H2Fields &h : std::as_const(m_answer.informational)) {
            const QList<nghttp2_nv> f = nv(h);
            nghttp2_submit_headers(m_session, NGHTTP2_FLAG_NONE, stream, nullptr, f.constData(),
                                   size_t(f.size()), nullptr);
        }
        const QList<nghttp2_nv> f = nv(m_answer.head);
        nghttp2_data_provider provider{};
        provider.read_callback = [](nghttp2_session *, int32_t, uint8_t *buffer, size_t length,
                                    uint32_t *flags, nghttp2_data_source *, void *self) -> ssize_t {
            auto *s = static_cast<MemoryServer *>(self);
            const qsizetype n = qMin(qsizetype(length), s->m_answer.body.size() - s->m_sent);
            std::memcpy(buffer, s->m_answer.body.constData() + s->m_sent, size_t(n));
            s->m_sent += n;
            if (s->m_sent == s->m_answer.body.size())
                *flags |= NGHTTP2_DATA_FLAG_EOF;
            return ssize_t(n);
        };
        nghttp2_submit_response(m_session, stream, f.constData(), size_t(f.size()),
                                m_answer.body.isEmpty() ? nullptr : &provider);
        if (m_answer.goAway)
            nghttp2_submit_goaway(m_session, NGHTTP2_FLAG_NONE, stream, NGHTTP2_NO_ERROR, nullptr, 0);
    }

    nghttp2_session *m_session = nullptr;
    Answer m_answer;
    qsizetype m_sent = 0;
};

// What the client's handlers saw.
struct Seen {
    QList<QPair<H2Head, bool>> heads;
    QByteArray body;
    int ends = 0;
    QStringList failures;
    H2Client::Handlers handlers()
    {
        return {[this](const H2Head &h, bool informational) {
                    heads.append({h, informational});
                },
                [this](const char *d, qsizetype n) { body.append(d, n); }, [this] { ++ends; },
                [this](const QString &why) {
                    failures << why;
                }};
    }
};

// Runs one exchange: bytes go back and forth until neither side has anything more to send.
void exchange(H2Client &client, MemoryServer &server)
{
    for (int i = 0; i < 100; ++i) {
        const QByteArray up = client.takeOutgoing();
        if (!up.isEmpty())
            QVERIFY(server.receive(up));
        const QByteArray down = server.send();
        if (up.isEmpty() && down.isEmpty())
            return;
        if (!down.isEmpty() && !client.receive(down.constData(), down.size()))
            return;
    }
}

const H2Fields kGet{{":method", "GET"}, {":path", "/a"}, {":scheme", "https"}, {":authority", "a.test"}};

}  // namespace

class tst_H2Client : public QObject
{
    Q_OBJECT

private slots:
    void requestFields_data();
    void requestFields();
    void headForQt();
    void responseAsReceived();
    void informationalHeads();
    void bodyInDataFrames();
    void resetStream();
    void goAway();
    void garbageFromTheServer();
};

void tst_H2Client::requestFields_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QByteArray>("order");
    QTest::addColumn<QByteArray>("fields");
    const QByteArray head =
        "GET /p?q=1 HTTP/1.1\r\nHost: a.test:8443\r\nUser-Agent: x\r\nConnection: keep-alive\r\n"
        "Accept: */*\r\nKeep-Alive: 5\r\nProxy-Connection: x\r\nUpgrade: h2c\r\n"
        "Transfer-Encoding: chunked\r\nTE: gzip\r\nX-Empty:\r\n\r\n";
    const QByteArray rest = "user-agent: x\naccept: */*\nx-empty: \n";
    QTest::newRow("curl") << head << QByteArray("mpsa")
                          << ":method: GET\n:path: /p?q=1\n:scheme: https\n:authority: a.test:8443\n" + rest;
    QTest::newRow("chromium") << head << QByteArray("masp")
                              << ":method: GET\n:authority: a.test:8443\n:scheme: https\n:path: /p?q=1\n"
                                     + rest;
    QTest::newRow("rfc") << head << QByteArray("msap")
                         << ":method: GET\n:scheme: https\n:authority: a.test:8443\n:path: /p?q=1\n" + rest;
    QTest::newRow("te trailers stays")
        << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nTE: trailers\r\n\r\n") << QByteArray("mpsa")
        << QByteArray(":method: POST\n:path: /\n:scheme: https\n:authority: h\n"
                      "te: trailers\n");
    QTest::newRow("no request line") << QByteArray("nonsense\r\n\r\n") << QByteArray("mpsa") << QByteArray();
}

void tst_H2Client::requestFields()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, order);
    QFETCH(QByteArray, fields);
    QCOMPARE(lines(h2RequestFields(head, "https", order)), fields);
}

// Qt is given HTTP/1.1: no pseudo-header fields, no framing fields of the server's (the relay frames the
// body in chunks), no line HTTP/1.1 cannot carry.
void tst_H2Client::headForQt()
{
    H2Head head;
    head.statusText = "302";
    head.status = 302;
    head.fields = {{"location", "/b"},
                   {"content-length", "5"},
                   {":odd", "x"},
                   {"set-cookie", "a=1"},
                   {"set-cookie", "b=2"},
                   {"x-bad", "a\r\nInjected: 1"},
                   {"transfer-encoding", "gzip"},
                   {"bad name", "v"},
                   {"connection", "close"}};
    QCOMPARE(h1HeadFor(head, true),
             QByteArray("HTTP/1.1 302 \r\nlocation: /b\r\nset-cookie: a=1\r\nset-cookie: b=2\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n"));
    QCOMPARE(h1HeadFor(head, false), QByteArray("HTTP/1.1 302 \r\nlocation: /b\r\nset-cookie: a=1\r\n"
                                                "set-cookie: b=2\r\n\r\n"));
    QCOMPARE(head.text().left(12), QByteArray("HTTP/2 302\r\n"));
}

void tst_H2Client::responseAsReceived()
{
    MemoryServer server(
        {{{":status", "301"}, {"location", "/b"}, {"set-cookie", "a=1"}, {"set-cookie", "b=2"}},
         "",
         {},
         false,
         false});
    Seen seen;
    H2Client client(seen.handlers());
    QVERIFY(client.request(kGet + H2Fields{{"user-agent", "x"}}, QByteArray()));
    QVERIFY(client.streamOpen());
    exchange(client, server);
    QCOMPARE(lines(server.received), lines(kGet) + "user-agent: x\n");
    QCOMPARE(seen.heads.size(), 1);
    QCOMPARE(seen.heads.first().second, false);
    QCOMPARE(seen.heads.first().first.status, 301);
    QCOMPARE(lines(seen.heads.first().first.fields),
             QByteArray("location: /b\nset-cookie: a=1\nset-cookie: b=2\n"));
    QCOMPARE(seen.ends, 1);
    QVERIFY(seen.failures.isEmpty());
    QVERIFY(!client.streamOpen());
    QVERIFY(client.requestWritten());
}

void tst_H2Client::informationalHeads()
{
    MemoryServer server({{{":status", "200"}}, "ok", {{{":status", "103"}, {"link", "</a>"}}}, false, false});
    Seen seen;
    H2Client client(seen.handlers());
    QVERIFY(client.request(kGet, QByteArray()));
    exchange(client, server);
    QCOMPARE(seen.heads.size(), 2);
    QCOMPARE(seen.heads.at(0).first.status, 103);
    QCOMPARE(seen.heads.at(0).second, true);
    QCOMPARE(seen.heads.at(1).first.status, 200);
    QCOMPARE(seen.body, QByteArray("ok"));
    QCOMPARE(seen.ends, 1);
}

// A request body bigger than the server's window, and a response body bigger than the client's.
void tst_H2Client::bodyInDataFrames()
{
    const QByteArray big(3 * 1024 * 1024 + 5, 'b');
    MemoryServer server({{{":status", "200"}}, big, {}, false, false});
    Seen seen;
    H2Client client(seen.handlers());
    const QByteArray upload(200000, 'u');
    QVERIFY(client.request(
        H2Fields{{":method", "POST"}, {":path", "/"}, {":scheme", "https"}, {":authority", "h"}}, upload));
    exchange(client, server);
    QCOMPARE(server.body.size(), upload.size());
    QCOMPARE(seen.body.size(), big.size());
    QCOMPARE(seen.ends, 1);
}

void tst_H2Client::resetStream()
{
    MemoryServer server({{{":status", "200"}}, "", {}, true, false});
    Seen seen;
    H2Client client(seen.handlers());
    QVERIFY(client.request(kGet, QByteArray()));
    exchange(client, server);
    QCOMPARE(seen.heads.size(), 0);
    QCOMPARE(seen.ends, 0);
    QCOMPARE(seen.failures,
             QStringList{QStringLiteral("the server reset the HTTP/2 stream (REFUSED_STREAM)")});
    QVERIFY(!client.streamOpen());
}

void tst_H2Client::goAway()
{
    MemoryServer server({{{":status", "204"}}, "", {}, false, true});
    Seen seen;
    H2Client client(seen.handlers());
    QVERIFY(client.request(kGet, QByteArray()));
    exchange(client, server);
    QCOMPARE(seen.ends, 1);
    QVERIFY(client.goneAway());
    QVERIFY(!client.request(kGet, QByteArray()));  // no new stream after GOAWAY
    QCOMPARE(client.error(), QStringLiteral("the server sent GOAWAY"));
}

// A DATA frame on stream 0 where the server's SETTINGS should be: a connection error (nghttp2's words), the
// open stream failed with it.
void tst_H2Client::garbageFromTheServer()
{
    Seen seen;
    H2Client client(seen.handlers());
    QVERIFY(client.request(kGet, QByteArray()));
    QVERIFY(!client.takeOutgoing().isEmpty());
    const QByteArray frame("\0\0\1\0\0\0\0\0\0x", 10);
    QVERIFY(!client.receive(frame.constData(), frame.size()));
    QVERIFY2(client.error().contains(QLatin1String("SETTINGS")), qPrintable(client.error()));
    QVERIFY(client.error().startsWith(QLatin1String("HTTP/2 connection error: ")));
    QCOMPARE(seen.failures.size(), 1);
    QCOMPARE(seen.failures.first(), client.error());
    QVERIFY(!client.streamOpen());
}

QTEST_GUILESS_MAIN(tst_H2Client)
#include "tst_h2client.moc"
