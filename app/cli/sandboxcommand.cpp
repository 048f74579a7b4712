// rwb sandbox: the redirect sandbox on the command line, until SIGINT or SIGTERM.
#include "commands.h"
#include "common.h"

#include "core/session/session.h"
#include "sandbox/demosession.h"
#include "sandbox/sandbox.h"
#include "sandbox/scenarios.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace Rwb::Cli {

namespace {

// The self-pipe: the signal handler only writes a byte, the event loop reads it and quits.
int g_signalPipe[2] = {-1, -1};

extern "C" void onStopSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[1], &byte, 1);
}

// Installs the handlers for SIGINT and SIGTERM for its lifetime, then puts the previous ones back.
class StopSignals
{
public:
    StopSignals()
    {
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0)
            return;
        struct sigaction action = {};
        action.sa_handler = onStopSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        m_ok = ::sigaction(SIGINT, &action, &m_oldInt) == 0 && ::sigaction(SIGTERM, &action, &m_oldTerm) == 0;
        m_notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read);
        QObject::connect(m_notifier, &QSocketNotifier::activated, QCoreApplication::instance(), [] {
            char byte = 0;
            [[maybe_unused]] const ssize_t got = ::read(g_signalPipe[0], &byte, 1);
            QCoreApplication::quit();
        });
    }
    ~StopSignals()
    {
        ::sigaction(SIGINT, &m_oldInt, nullptr);
        ::sigaction(SIGTERM, &m_oldTerm, nullptr);
        delete m_notifier;
        for (int &fd : g_signalPipe) {
            if (fd >= 0)
                ::close(fd);
            fd = -1;
        }
    }
    StopSignals(const StopSignals &) = delete;
    StopSignals &operator=(const StopSignals &) = delete;
    bool ok() const { return m_ok; }

private:
    struct sigaction m_oldInt = {};
    struct sigaction m_oldTerm = {};
    QSocketNotifier *m_notifier = nullptr;
    bool m_ok = false;
};

void print(const QString &text)
{
    writeStdout(text.toUtf8());
}

void printScenarios(const SandboxUrls &urls, bool withTls)
{
    print(QStringLiteral("Scenarios:\n"));
    for (const SandboxScenario &s : builtinScenarios()) {
        const bool unavailable = s.needsTls() && !withTls;
        // The start origin, as a placeholder when the ports are not known.
        QString base;
        if (urls.origin.isEmpty())
            base = s.startOrigin == SandboxOrigin::Origin  ? QStringLiteral("{{origin}}")
                   : s.startOrigin == SandboxOrigin::Other ? QStringLiteral("{{other}}")
                                                           : QStringLiteral("{{https}}");
        else
            base = (s.startOrigin == SandboxOrigin::Origin  ? urls.origin
                    : s.startOrigin == SandboxOrigin::Other ? urls.other
                                                            : urls.https)
                       .toString(QUrl::FullyEncoded);
        QString start;
        if (unavailable)
            start = QStringLiteral("(needs the https listener)");
        else if (urls.origin.isEmpty())
            start = base + s.startPath;
        else
            start = sandboxStartUrl(s, urls).toString(QUrl::FullyEncoded);
        QString line = QStringLiteral("  %1  →  %2").arg(s.title, start);
        if (s.method != "GET")
            line += QStringLiteral("  (%1 %2)").arg(QString::fromLatin1(s.method), QString::fromUtf8(s.body));
        print(line + QLatin1Char('\n'));
        // What else it serves: the site migration's redirect map, for `rwb check`.
        if (!unavailable) {
            for (const auto &[label, path] : s.links)
                print(QStringLiteral("      %1  →  %2\n").arg(label, base + path));
        }
    }
}

SandboxUrls urlsForPort(quint16 port)
{
    if (port == 0)
        return {};
    return {QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)),
            QUrl(QStringLiteral("http://localhost:%1").arg(port + 1)),
            QUrl(QStringLiteral("https://localhost:%1").arg(port + 2))};
}

}  // namespace

int sandboxCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption helpOption = startCommandParser(
        parser,
        QStringLiteral(
            "Run the redirect sandbox: a local HTTP server on 127.0.0.1 that answers by rules, with\n"
            "built-in scenarios of temporary and permanent redirects. It listens on PORT (the origin),\n"
            "PORT+1 (as localhost: another origin) and PORT+2 (https, self-signed: trace with --insecure)\n"
            "until interrupted (Ctrl-C, SIGTERM). Every request served is printed.\n"
            "Session cases reach it as {{sandbox}}, {{sandbox_other}} and {{sandbox_https}}: rwb run\n"
            "--sandbox SESSION starts a sandbox of its own and sets them (rwb sandbox --demo-session\n"
            "prints a session with a case for every scenario).\n"
            "Exit status: 0 stopped, 2 bad usage or a port that cannot be opened."));
    const QCommandLineOption portOption(
        QStringLiteral("port"),
        QStringLiteral("Listen on PORT, PORT+1 and PORT+2 (default or 0: free ports)."),
        QStringLiteral("PORT"));
    const QCommandLineOption rulesOption(
        QStringLiteral("rules"),
        QStringLiteral("Serve the sandbox rules of this session file before the built-in ones."),
        QStringLiteral("SESSION"));
    const QCommandLineOption listOption(QStringLiteral("list"),
                                        QStringLiteral("Print the built-in scenarios and exit."));
    const QCommandLineOption demoOption(
        QStringLiteral("demo-session"),
        QStringLiteral("Print the demo session (one case per scenario, for rwb run --sandbox) and exit."));
    parser.addOptions({portOption, rulesOption, listOption, demoOption});
    if (const std::optional<int> exit = parseCommand(parser, arguments, helpOption, 0, QString()))
        return *exit;

    quint16 port = 0;
    if (parser.isSet(portOption)) {
        bool ok = false;
        const uint value = parser.value(portOption).toUInt(&ok);
        if (!ok || value > 65533)
            return usageError(QStringLiteral("--port '%1' is not a port from 0 (free ports) to 65533")
                                  .arg(parser.value(portOption)));
        port = quint16(value);
    }
    if (parser.isSet(demoOption)) {
        writeStdout(sessionToJson(sandboxDemoSession()));
        return 0;
    }
    if (parser.isSet(listOption)) {
        printScenarios(urlsForPort(port), true);
        return 0;
    }

    QList<SandboxRule> rules;
    QString rulesFile;
    if (parser.isSet(rulesOption)) {
        rulesFile = parser.value(rulesOption);
        const SessionLoadResult loaded = loadSessionFile(rulesFile);
        if (!loaded.session)
            return usageError(loaded.error);
        rules = loaded.session->sandboxRules;
    }

    StopSignals stopSignals;
    if (!stopSignals.ok())
        return usageError(QStringLiteral("cannot handle SIGINT/SIGTERM"));
    Sandbox sandbox;
    sandbox.setRules(rules);
    QString error;
    if (!sandbox.start(port, &error))
        return usageError(error);
    QObject::connect(
        &sandbox, &Sandbox::requestServed,
        [](const QString &origin, const QString &method, const QString &path, int status) {
            // One arg() call: a second would replace a "%1" that came with the path.
            print(QStringLiteral("%1 %2%3 → %4\n").arg(method, origin, path, QString::number(status)));
        });

    print(QStringLiteral("Redirect sandbox listening on 127.0.0.1 (Ctrl-C stops it):\n"));
    print(QStringLiteral("  origin        %1\n").arg(sandbox.originUrl().toString()));
    print(QStringLiteral("  other origin  %1\n").arg(sandbox.otherUrl().toString()));
    if (sandbox.httpsUrl().isEmpty())
        print(QStringLiteral("  https         none: %1\n").arg(sandbox.tlsError()));
    else
        print(QStringLiteral("  https         %1  (self-signed certificate: trace with --insecure)\n")
                  .arg(sandbox.httpsUrl().toString()));
    if (!rulesFile.isEmpty())
        print(QStringLiteral("Your rules: %1 from %2, served first\n").arg(rules.size()).arg(rulesFile));
    printScenarios(sandbox.urls(), !sandbox.httpsUrl().isEmpty());
    QCoreApplication::exec();
    sandbox.stop();
    print(QStringLiteral("Sandbox stopped\n"));
    return 0;
}

}  // namespace Rwb::Cli
