#include "widgets/mainwindow.h"
#include "widgets/requesteditor.h"
#include "widgets/urledit.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QFileInfo>
#include <QIcon>
#include <QTimer>

#include <cstdio>

namespace {

// Prints the wall-clock time of the window's first paint and quits: the cold-start benchmark
// (tests/bench/cold-start.sh) compares it with the time the process was launched.
class FirstPaintProbe final : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            std::printf("first-paint-epoch-ms %lld\n",
                        static_cast<long long>(QDateTime::currentMSecsSinceEpoch()));
            std::fflush(stdout);
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_seen = false;
};

}  // namespace

// --help and --version print and exit: they need no display, but QApplication connects to one before the
// options are read. Without any display configured, they get the offscreen platform instead of an abort.
void offscreenForHelpWithoutDisplay(int argc, char *argv[])
{
    if (qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY")
        || qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        return;
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" || arg == "--version") {
            qputenv("QT_QPA_PLATFORM", "offscreen");
            return;
        }
    }
}

int main(int argc, char *argv[])
{
    offscreenForHelpWithoutDisplay(argc, argv);
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("RedirectWorkbench"));
    QCoreApplication::setApplicationName(QStringLiteral("redirect-workbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RWB_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Redirect Workbench"));
    // The installed .desktop file and icon (packaging/): docks and task bars match the window to them.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.redirectworkbench.RedirectWorkbench"));
    QGuiApplication::setWindowIcon(
        QIcon::fromTheme(QStringLiteral("io.github.redirectworkbench.RedirectWorkbench")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Redirect Workbench: follow an HTTP request through every redirect "
                "and see each hop as it went on the wire."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("url-or-session"),
        QCoreApplication::translate("main",
                                    "A URL to put in the request bar, or a session file (.rwbsession) "
                                    "to open."),
        QStringLiteral("[url | session]"));
    const QCommandLineOption sendOption(QStringLiteral("send"),
                                        QCoreApplication::translate("main", "Send the request at start."));
    const QCommandLineOption runAllOption(
        QStringLiteral("run-all"),
        QCoreApplication::translate("main", "Run every case of the session at start."));
    const QCommandLineOption probeOption(
        QStringLiteral("quit-after-first-paint"),
        QCoreApplication::translate("main", "Print the time of the first paint and quit "
                                            "(for the start-up benchmark)."));
    parser.addOption(sendOption);
    parser.addOption(runAllOption);
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QCoreApplication::translate("main",
                                    "Open the demo session with the redirect sandbox running, and run "
                                    "every case (as Help > Open Demo)."));
    parser.addOption(demoOption);
    parser.addOption(probeOption);
    parser.process(app);

    Rwb::MainWindow window;
    const QString argument = parser.positionalArguments().value(0);
    const bool isSession = argument.endsWith(QLatin1String(".rwbsession"), Qt::CaseInsensitive)
                           || (QFileInfo(argument).isFile() && !argument.contains(QLatin1String("://")));
    if (parser.isSet(demoOption))
        window.openDemo(true);
    else if (isSession)
        window.openSession(argument);  // an error is shown in the window; nothing is written
    else if (!argument.isEmpty())
        window.requestEditor()->urlEdit()->setText(argument);
    if (parser.isSet(probeOption))
        window.installEventFilter(new FirstPaintProbe(&window));
    window.show();
    if (parser.isSet(sendOption))
        QTimer::singleShot(0, &window, &Rwb::MainWindow::send);
    if (parser.isSet(runAllOption))
        QTimer::singleShot(0, &window, &Rwb::MainWindow::runAll);
    return QApplication::exec();
}
