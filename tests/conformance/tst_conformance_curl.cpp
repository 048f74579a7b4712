// Runs the curl half of the conformance runner (tests/conformance/run.js --client curl): every curl
// scenario played with real curl and with `rwb trace --profile curl`, the requests compared byte for byte.
// Scenarios listed in known-differences.json may differ; any other difference, or a listed scenario that
// agrees by now, fails.
#include "support/processrun.h"

#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

class TestConformanceCurl : public QObject
{
    Q_OBJECT

private slots:
    void curlProfileSendsWhatCurlSends();
};

void TestConformanceCurl::curlProfileSendsWhatCurlSends()
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    QVERIFY2(!node.isEmpty(), "node is missing: scripts/deps.sh installs it");
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty(),
             "curl is missing: scripts/deps.sh installs it");
    const QString dir = QStringLiteral(RWB_CONFORMANCE_DIR);
    const QStringList args{dir + QLatin1String("/run.js"),
                           QStringLiteral("--client"),
                           QStringLiteral("curl"),
                           QStringLiteral("--rwb"),
                           QStringLiteral(RWB_EXE),
                           QStringLiteral("--known"),
                           dir + QLatin1String("/known-differences.json")};
    const RwbTest::ProcessRun run = RwbTest::runProcess(node, args, 100000);
    QVERIFY2(run.finished, qPrintable(QStringLiteral("the runner did not finish: ") + run.describe()));

    // The agreement line, e.g. "curl: 27/27 scenarios agree": it proves the scenarios were played.
    static const QRegularExpression agreement(QStringLiteral("^curl: (\\d+)/(\\d+) scenarios agree$"),
                                              QRegularExpression::MultilineOption);
    const QString out = QString::fromUtf8(run.out);
    const QRegularExpressionMatch m = agreement.match(out);
    QVERIFY2(m.hasMatch(), qPrintable(run.describe()));
    qInfo("%s", qPrintable(m.captured(0)));
    QVERIFY2(m.captured(2).toInt() >= 15, qPrintable(m.captured(0)));
    QVERIFY2(
        run.exitCode == 0,
        qPrintable(QStringLiteral("exit %1\n%2%3").arg(run.exitCode).arg(out, QString::fromUtf8(run.err))));
}

QTEST_GUILESS_MAIN(TestConformanceCurl)
#include "tst_conformance_curl.moc"
