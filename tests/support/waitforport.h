// For tests that start a real server as a process: wait until it accepts connections on 127.0.0.1.
#pragma once

#include <QElapsedTimer>
#include <QProcess>
#include <QTcpSocket>
#include <QTest>

namespace Rwb::Test {

// True once a connection to 127.0.0.1:port succeeds; false after timeoutMs or when the process exits.
inline bool waitForPort(quint16 port, const QProcess &process, int timeoutMs)
{
    QElapsedTimer deadline;
    deadline.start();
    while (deadline.elapsed() < timeoutMs && process.state() == QProcess::Running) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (socket.waitForConnected(500))
            return true;
        QTest::qWait(50);
    }
    return false;
}

}  // namespace Rwb::Test
