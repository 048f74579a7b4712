// Internal to rwbtestsupport: one accepted connection of a ScriptedServer (request parsing, ordered
// replies, streaming). Not part of the API used by tests.
#pragma once

#include "scriptedserver.h"

#include <QObject>

class QTcpSocket;

namespace Rwb::Test {

namespace detail {
inline bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}
bool hasHeader(const HeaderList &headers, QByteArrayView name);
}  // namespace detail

class ScriptedServer::Connection : public QObject
{
public:
    Connection(ScriptedServer *server, QTcpSocket *socket, int id);
    // Reads and parses what the socket has; records each complete request and queues its reply.
    void readRequests();
    // Detaches from the socket and aborts it: no callback into the server afterwards.
    void shutdown();

private:
    struct Pending {
        Reply reply;
        bool isHead = false;
        bool clientWantsClose = false;
    };
    void dispatchNext();
    void respond(const Pending &pending);
    void pumpStream();
    void closeGracefully();
    void resetConnection();
    qint64 queuedBytes() const;

    ScriptedServer *m_server;
    QTcpSocket *m_socket;
    int m_id;
    QByteArray m_buffer;
    QList<Pending> m_queue;      // replies in request order (HTTP/1.1 pipelining)
    bool m_parsing = false;      // guards against re-entrance from nested event loops in handlers
    bool m_stopReading = false;  // after "Connection: close" or a malformed request
    bool m_busy = false;         // a reply is delayed, streaming or silent: later replies wait
    bool m_closing = false;      // closing/aborted: nothing more is written
    qint64 m_streamLeft = 0;
    char m_streamByte = 'x';
    bool m_streamChunked = false;
    bool m_streamCloseAfter = false;
    bool m_pumping = false;  // pumpStream() is writing (guards against re-entrance through write())
};

}  // namespace Rwb::Test
