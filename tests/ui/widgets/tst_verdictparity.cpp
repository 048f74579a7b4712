// The window and `rwb run` give the same verdict on the same saved case, in the same words: one session
// (a case whose expectations fail, one without expectations that loops, one that cannot be resolved, one
// that passes) is run with Run All in the window and by the built rwb; the failures under each case, and
// the window's one-line verdict, are compared with what rwb prints.
#include "core/check/casecheck.h"
#include "core/session/session.h"
#include "support/processrun.h"
#include "support/scriptedserver.h"
#include "widgets/mainwindow.h"
#include "workbench/sessionmodel.h"

#include <QMap>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace Rwb;
using Rwb::Test::ScriptedServer;

namespace {

Expectation expect(ExpectationKind kind, const QString &value)
{
    return parseExpectationValue(kind, value, nullptr).value();
}

SessionItem caseItem(const QString &name, const QString &url, const QList<Expectation> &expectations = {})
{
    SessionItem item;
    item.type = SessionItem::Type::Case;
    item.name = name;
    item.testCase.name = name;
    item.testCase.request.url = url;
    item.testCase.expectations = expectations;
    return item;
}

// What one front end said about one case.
struct Said {
    bool passed = false;
    QStringList lines;  // the failures listed under the case
};

}  // namespace

class tst_VerdictParity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void windowAndCommandLineAgree();

private:
    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dir;
};

void tst_VerdictParity::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(RWB_EXE)), RWB_EXE);
    QVERIFY(m_settingsDir.isValid() && m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);  // recovery copies go to a test folder, not the user's
    QCoreApplication::setOrganizationName(QStringLiteral("rwb-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_verdictparity"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void tst_VerdictParity::windowAndCommandLineAgree()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("/old", ScriptedServer::redirect(301, "/new"));
    server.on("/new", ScriptedServer::redirect(302, "/final"));
    server.on("/final", Test::Reply());
    server.on("/a", ScriptedServer::redirect(302, "/b"));
    server.on("/b", ScriptedServer::redirect(302, "/a"));

    Session session;
    session.name = QStringLiteral("Parity");
    session.variables = {{QStringLiteral("base"), server.url(QStringLiteral("/")).toString().chopped(1)}};
    session.items = {
        caseItem(QStringLiteral("wrong statuses"), QStringLiteral("{{base}}/old"),
                 {expect(ExpectationKind::StatusSequence, QStringLiteral("302, 200")),
                  expect(ExpectationKind::FinalStatus, QStringLiteral("200")),
                  expect(ExpectationKind::HopCount, QStringLiteral("2"))}),
        caseItem(QStringLiteral("loops"), QStringLiteral("{{base}}/a")),
        caseItem(QStringLiteral("unknown variable"), QStringLiteral("{{nope}}/old"),
                 {expect(ExpectationKind::FinalStatus, QStringLiteral("200"))}),
        caseItem(QStringLiteral("passes"), QStringLiteral("{{base}}/old"),
                 {expect(ExpectationKind::StatusSequence, QStringLiteral("301, 302, 200"))}),
    };
    const QString path = m_dir.filePath(QStringLiteral("parity.rwbsession"));
    QString error;
    QVERIFY2(saveSessionFile(path, session, &error), qPrintable(error));

    // The command line: "PASS name  (...)" or "FAIL name  (...)", the failures indented under it.
    const RwbTest::ProcessRun run = RwbTest::runProcess(
        QStringLiteral(RWB_EXE), {QStringLiteral("run"), path, QStringLiteral("--no-color")});
    QVERIFY2(run.finished && run.exitCode == 1, qPrintable(run.describe()));
    QMap<QString, Said> cli;
    QString current;
    for (const QString &line : QString::fromUtf8(run.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.startsWith(QLatin1String("PASS ")) || line.startsWith(QLatin1String("FAIL "))) {
            current = line.mid(5, line.indexOf(QLatin1String("  (")) - 5);
            cli[current].passed = line.startsWith(QLatin1String("PASS"));
        } else if (line.startsWith(QLatin1String("    ")) && !current.isEmpty()) {
            cli[current].lines.append(line.mid(4));
        } else {
            current.clear();
        }
    }
    QCOMPARE(cli.size(), 4);

    // The window: Run All, each case's failures (its tooltip's list) and the status bar's verdict line.
    MainWindow window;
    window.show();
    QVERIFY(window.openSession(path));
    QSignalSpy messages(window.statusBar(), &QStatusBar::messageChanged);
    window.runAll();
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunningCases(), 20000);
    QStringList statusLines;
    for (const QList<QVariant> &args : messages)
        statusLines.append(args.at(0).toString());

    SessionModel *model = window.sessionModel();
    const QList<QModelIndex> cases = model->caseIndexes();
    QCOMPARE(cases.size(), 4);
    for (const QModelIndex &index : cases) {
        const QString name = model->caseAt(index).name;
        QVERIFY2(cli.contains(name), qPrintable(name));
        const Said &said = cli.value(name);
        const bool passed = model->runState(index) == SessionModel::RunState::Passed;
        QCOMPARE(passed, said.passed);
        QCOMPARE(index.data(SessionModel::FailuresRole).toStringList(), said.lines);
        // The one-line verdict the window shows for the case says the same.
        QString verdict = QStringLiteral("passed");
        if (!passed) {
            verdict = name == QLatin1String("unknown variable")
                          ? QStringLiteral("not run: ") + said.lines.join(u' ')
                          : QStringLiteral("failed: ") + said.lines.join(QLatin1String("; "));
        }
        QVERIFY2(statusLines.contains(name + QStringLiteral(": ") + verdict),
                 qPrintable(name + QStringLiteral(": ") + verdict + QStringLiteral("\nnot in:\n")
                            + statusLines.join(u'\n')));
    }

    // Not vacuous: what was compared names the failures.
    const QStringList wrong = cli.value(QStringLiteral("wrong statuses")).lines;
    QCOMPARE(wrong.size(), 2);
    QVERIFY2(wrong.at(0).contains(QLatin1String("302, 200"))
                 && wrong.at(0).contains(QLatin1String("301, 302, 200")),
             qPrintable(wrong.at(0)));
    QVERIFY2(wrong.at(1).contains(QLatin1String("hop count")), qPrintable(wrong.at(1)));
    const QStringList loop = cli.value(QStringLiteral("loops")).lines;
    QCOMPARE(loop.size(), 1);
    QVERIFY2(loop.at(0).startsWith(
                 QLatin1String("no expectations, and the chain did not reach a final response: loop: ")),
             qPrintable(loop.at(0)));
    QCOMPARE(cli.value(QStringLiteral("unknown variable")).lines,
             QStringList{QStringLiteral("unknown variable {{nope}} in the URL")});
    QVERIFY(cli.value(QStringLiteral("passes")).passed);
}

QTEST_MAIN(tst_VerdictParity)
#include "tst_verdictparity.moc"
