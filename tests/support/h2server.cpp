#include "support/h2server.h"

#include <QFile>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QUrl>

#include <nghttp2/nghttp2.h>

#include <cstring>
#include <memory>

namespace Rwb::Test {

QString H2Server::Received::lines() const
{
    QString out;
    for (const auto &[name, value] : fields)
        out += QString::fromLatin1(name + ": " + value + "\n");
    return out;
}

// One client connection: the TLS handshake, then libnghttp2's server session fed from the socket.
class H2Server::Connection final : public QObject
{
public:
    Connection(H2Server *server, QSslSocket *socket, int number)
        : QObject(socket)
        , m_server(server)
        , m_socket(socket)
        , m_number(number)
    {
        connect(socket, &QSslSocket::encrypted, this, [this] { onEncrypted(); });
        connect(socket, &QSslSocket::readyRead, this, [this] { onData(); });
        connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QSslSocket::sslErrors, socket, [socket] { socket->ignoreSslErrors(); });
    }
    ~Connection() override { nghttp2_session_del(m_session); }

private:
    struct Stream {
        Received request;
        QByteArray out;  // the answer's body
        qsizetype sent = 0;
    };

    void onEncrypted()
    {
        if (m_socket->sslConfiguration().nextNegotiatedProtocol() != QSslConfiguration::ALPNProtocolHTTP2) {
            ++m_server->m_refused;
            m_socket->disconnectFromHost();
            return;
        }
        nghttp2_session_callbacks *callbacks = nullptr;
        nghttp2_session_callbacks_new(&callbacks);
        nghttp2_session_callbacks_set_on_begin_headers_callback(
            callbacks, [](nghttp2_session *, const nghttp2_frame *frame, void *self) {
                auto *c = static_cast<Connection *>(self);
                if (frame->hd.type == NGHTTP2_HEADERS && frame->headers.cat == NGHTTP2_HCAT_REQUEST) {
                    Stream &s = c->m_streams[frame->hd.stream_id];
                    s.request.connection = c->m_number;
                    s.request.stream = frame->hd.stream_id;
                }
                return 0;
            });
        nghttp2_session_callbacks_set_on_header_callback(
            callbacks, [](nghttp2_session *, const nghttp2_frame *frame, const uint8_t *name,
                          size_t nameLength, const uint8_t *value, size_t valueLength, uint8_t, void *self) {
                auto *c = static_cast<Connection *>(self);
                const auto it = c->m_streams.find(frame->hd.stream_id);
                if (it != c->m_streams.end())
                    it->request.fields.append(
                        {QByteArray(reinterpret_cast<const char *>(name), qsizetype(nameLength)),
                         QByteArray(reinterpret_cast<const char *>(value), qsizetype(valueLength))});
                return 0;
            });
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(
            callbacks,
            [](nghttp2_session *, uint8_t, int32_t stream, const uint8_t *data, size_t length, void *self) {
                auto *c = static_cast<Connection *>(self);
                const auto it = c->m_streams.find(stream);
                if (it != c->m_streams.end())
                    it->request.body.append(reinterpret_cast<const char *>(data), qsizetype(length));
                return 0;
            });
        nghttp2_session_callbacks_set_on_frame_recv_callback(
            callbacks, [](nghttp2_session *, const nghttp2_frame *frame, void *self) {
                auto *c = static_cast<Connection *>(self);
                if ((frame->hd.type == NGHTTP2_HEADERS || frame->hd.type == NGHTTP2_DATA)
                    && (frame->hd.flags & NGHTTP2_FLAG_END_STREAM))
                    c->respond(frame->hd.stream_id);
                return 0;
            });
        nghttp2_session_callbacks_set_on_stream_close_callback(
            callbacks, [](nghttp2_session *, int32_t stream, uint32_t, void *self) {
                static_cast<Connection *>(self)->m_streams.remove(stream);
                return 0;
            });
        nghttp2_session_server_new(&m_session, callbacks, this);
        nghttp2_session_callbacks_del(callbacks);
        const nghttp2_settings_entry settings[] = {{NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, 100}};
        nghttp2_submit_settings(m_session, NGHTTP2_FLAG_NONE, settings, 1);
        flush();
        onData();
    }

    void onData()
    {
        if (!m_session)
            return;
        const QByteArray data = m_socket->readAll();
        if (nghttp2_session_mem_recv(m_session, reinterpret_cast<const uint8_t *>(data.constData()),
                                     size_t(data.size()))
            < 0) {
            m_socket->abort();
            return;
        }
        flush();
    }

    void flush()
    {
        for (;;) {
            const uint8_t *data = nullptr;
            const ssize_t n = nghttp2_session_mem_send(m_session, &data);
            if (n <= 0)
                break;
            m_socket->write(reinterpret_cast<const char *>(data), qint64(n));
        }
        if (!nghttp2_session_want_read(m_session) && !nghttp2_session_want_write(m_session))
            m_socket->disconnectFromHost();
    }

    static QList<nghttp2_nv> nv(const H2FieldList &fields)
    {
        QList<nghttp2_nv> out;
        for (const auto &[name, value] : fields)
            out.append({reinterpret_cast<uint8_t *>(const_cast<char *>(name.constData())),
                        reinterpret_cast<uint8_t *>(const_cast<char *>(value.constData())),
                        size_t(name.size()), size_t(value.size()), NGHTTP2_NV_FLAG_NONE});
        return out;
    }

    void respond(int32_t id)
    {
        Stream &stream = m_streams[id];
        m_server->m_received.append(stream.request);
        QByteArray path;
        for (const auto &[name, value] : std::as_const(stream.request.fields)) {
            if (name == ":path")
                path = value.left(value.indexOf('?') < 0 ? value.size() : value.indexOf('?'));
        }
        Answer answer;
        answer.status = 404;
        answer.body = "not here\n";
        answer = m_server->m_answers.value(path, answer);
        if (answer.reset) {
            nghttp2_submit_rst_stream(m_session, NGHTTP2_FLAG_NONE, id, NGHTTP2_INTERNAL_ERROR);
            return;
        }
        for (const H2FieldList &head : std::as_const(answer.informational)) {
            const QList<nghttp2_nv> fields = nv(head);
            nghttp2_submit_headers(m_session, NGHTTP2_FLAG_NONE, id, nullptr, fields.constData(),
                                   size_t(fields.size()), nullptr);
        }
        H2FieldList head{{":status", QByteArray::number(answer.status)}};
        head += answer.fields;
        const QList<nghttp2_nv> fields = nv(head);
        stream.out = answer.body;
        nghttp2_data_provider provider{};
        provider.read_callback = [](nghttp2_session *, int32_t streamId, uint8_t *buffer, size_t length,
                                    uint32_t *flags, nghttp2_data_source *, void *self) -> ssize_t {
            auto *c = static_cast<Connection *>(self);
            Stream &s = c->m_streams[streamId];
            const qsizetype n = qMin(qsizetype(length), s.out.size() - s.sent);
            std::memcpy(buffer, s.out.constData() + s.sent, size_t(n));
            s.sent += n;
            if (s.sent == s.out.size())
                *flags |= NGHTTP2_DATA_FLAG_EOF;
            return ssize_t(n);
        };
        nghttp2_submit_response(m_session, id, fields.constData(), size_t(fields.size()),
                                answer.body.isEmpty() ? nullptr : &provider);
        if (answer.goAwayAfter)
            nghttp2_submit_goaway(m_session, NGHTTP2_FLAG_NONE, id, NGHTTP2_NO_ERROR, nullptr, 0);
    }

    H2Server *m_server;
    QSslSocket *m_socket;
    int m_number;
    nghttp2_session *m_session = nullptr;
    QHash<int32_t, Stream> m_streams;
};

H2Server::H2Server(const QString &certificateFile, const QString &keyFile, QObject *parent)
    : QTcpServer(parent)
    , m_certificateFile(certificateFile)
    , m_keyFile(keyFile)
{
}

H2Server::~H2Server() = default;

bool H2Server::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

void H2Server::incomingConnection(qintptr descriptor)
{
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    QFile cert(m_certificateFile);
    QFile key(m_keyFile);
    if (cert.open(QIODevice::ReadOnly))
        conf.setLocalCertificateChain(QSslCertificate::fromData(cert.readAll(), QSsl::Pem));
    if (key.open(QIODevice::ReadOnly))
        conf.setPrivateKey(QSslKey(key.readAll(), QSsl::Rsa, QSsl::Pem));
    // http/1.1 too, so that a client offering only that completes its handshake, and is then refused.
    conf.setAllowedNextProtocols({QByteArray(QSslConfiguration::ALPNProtocolHTTP2),
                                  QByteArray(QSslConfiguration::NextProtocolHttp1_1)});
    conf.setPeerVerifyMode(QSslSocket::VerifyNone);
    socket->setSslConfiguration(conf);
    new Connection(this, socket, ++m_connections);
    socket->startServerEncryption();
}

}  // namespace Rwb::Test
