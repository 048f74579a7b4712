// H2Server: an in-process HTTP/2 server over TLS (ALPN "h2" only) for the tests, on 127.0.0.1, that records
// every request's fields exactly as they arrived (pseudo-header fields included, in order) and answers each
// path as told: a status, fields and body, 1xx heads before it, a reset stream, or a GOAWAY after it. The
// protocol is libnghttp2's server session (the library nghttpd is made of), over a QSslSocket.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QTcpServer>

namespace Rwb::Test {

using H2FieldList = QList<QPair<QByteArray, QByteArray>>;

class H2Server final : public QTcpServer
{
    Q_OBJECT

public:
    struct Answer {
        int status = 200;
        H2FieldList fields;
        QByteArray body;
        QList<H2FieldList> informational;  // each a 1xx head (its ":status" field first) sent before
        bool reset = false;                // RST_STREAM (INTERNAL_ERROR) instead of an answer
        bool goAwayAfter = false;          // GOAWAY once the answer is sent: the connection takes no more
    };
    struct Received {
        int connection = 0;  // the connection's number, from 1, in the order they were accepted
        int stream = 0;
        H2FieldList fields;
        QByteArray body;
        QString lines() const;  // "name: value" lines, for QCOMPARE
    };

    H2Server(const QString &certificateFile, const QString &keyFile, QObject *parent = nullptr);
    ~H2Server() override;

    bool start();  // listens on 127.0.0.1 (a free port)
    void answer(const QByteArray &path, const Answer &answer) { m_answers.insert(path, answer); }
    const QList<Received> &received() const { return m_received; }
    void clearReceived() { m_received.clear(); }
    // Connections whose client did not offer h2 (they are closed after the handshake).
    int refused() const { return m_refused; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    class Connection;
    friend class Connection;
    QString m_certificateFile;
    QString m_keyFile;
    QHash<QByteArray, Answer> m_answers;  // by path without query; a path not there: 404
    QList<Received> m_received;
    int m_connections = 0;
    int m_refused = 0;
};

}  // namespace Rwb::Test
