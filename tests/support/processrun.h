#pragma once

// Runs a program (rwb, a script) from a test while the event loop keeps turning, so that in-process
// servers can answer it.

#include <QEventLoop>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTimer>

namespace RwbTest {

struct ProcessRun {
    bool finished = false;  // exited normally within the time limit
    bool crashed = false;   // ended by a signal (exitCode is then the signal: 6 is an abort)
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    // For failure messages: the exit code and (the first part of) both streams, stderr first: QtTest cuts a
    // long message short, and a sanitizer's report or an error is on stderr.
    QString describe() const
    {
        return QStringLiteral("%1 %2, stderr: %3, stdout: %4")
            .arg(crashed ? QStringLiteral("crashed, signal") : QStringLiteral("exit"))
            .arg(exitCode)
            .arg(QString::fromUtf8(err.left(6000)), QString::fromUtf8(out.left(3000)));
    }
};

// NO_COLOR is removed and TERM set, so a test sees that colour stays off because stdout is not a terminal.
// Standard input is `standardInput` when given (a file, or a device such as /dev/zero), else empty.
inline ProcessRun runProcess(const QString &program, const QStringList &args, int timeoutMs = 30000,
                             const QString &standardInput = QString())
{
    ProcessRun run;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("NO_COLOR"));
    env.insert(QStringLiteral("TERM"), QStringLiteral("xterm-256color"));
    process.setProcessEnvironment(env);
    if (!standardInput.isEmpty())
        process.setStandardInputFile(standardInput);
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    process.start(program, args);
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(2000);
        return run;
    }
    run.finished = process.exitStatus() == QProcess::NormalExit && process.error() != QProcess::FailedToStart;
    run.crashed = process.exitStatus() == QProcess::CrashExit;
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

}  // namespace RwbTest
