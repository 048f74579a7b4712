// CaseRunner against the in-process ScriptedServer: the cases run one at a time in the order given, each
// reported with its verdict and its words; a case that cannot be resolved or started is reported as not
// run; cancel() stops the running case and drops the rest; a run stopped from outside goes on.
#include "core/engine/engine.h"
#include "core/session/caserunner.h"
#include "support/scriptedserver.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Rwb;
using Rwb::Test::Reply;
using Rwb::Test::ScriptedServer;

namespace {

Expectation expect(ExpectationKind kind, const QString &value)
{
    return parseExpectationValue(kind, value, nullptr).value();
}

SessionCase makeCase(const QString &name, const QString &url, const QList<Expectation> &expectations = {})
{
    SessionCase c;
    c.name = name;
    c.request.url = url;
    c.expectations = expectations;
    return c;
}

// Each case's id is its name.
QList<CaseRunJob> jobsOf(const QList<SessionCase> &cases)
{
    QList<CaseRunJob> jobs;
    for (const SessionCase &c : cases)
        jobs.append({QVariant(c.name), c});
    return jobs;
}

RequestSpec get(const QUrl &url)
{
    RequestSpec r;
    r.url = url;
    return r;
}

CaseRunResult resultAt(const QSignalSpy &spy, qsizetype i)
{
    return qvariant_cast<CaseRunResult>(spy.at(i).at(0));
}

}  // namespace

class tst_CaseRunner : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void runsInOrderWithVerdicts();
    void verdictWords_data();
    void verdictWords();
    void unresolvableCases_data();
    void unresolvableCases();
    void variablesInLayers();
    void cancelStopsTheRunningCaseAndDropsTheRest();
    void cancelBetweenCases_data();
    void cancelBetweenCases();
    void stoppedFromOutsideGoesOn();
    void starterDecidesHowAChainStarts();
    void oneRunAtATime();

private:
    Session session() const;

    ScriptedServer *m_server = nullptr;
};

void tst_CaseRunner::init()
{
    m_server = ScriptedServer::startEcho(this);
    QVERIFY(m_server);
    m_server->on("/ok", Reply());
    m_server->on("/moved", ScriptedServer::redirect(301, "/ok"));
    m_server->on("/a", ScriptedServer::redirect(302, "/b"));
    m_server->on("/b", ScriptedServer::redirect(302, "/a"));
    Reply slow;
    slow.delayMs = 20000;  // long enough for the test to stop it
    m_server->on("/slow", slow);
}

void tst_CaseRunner::cleanup()
{
    delete m_server;
    m_server = nullptr;
}

Session tst_CaseRunner::session() const
{
    Session s;
    s.variables = {{QStringLiteral("base"), m_server->url(QStringLiteral("/")).toString().chopped(1)}};
    return s;
}

void tst_CaseRunner::runsInOrderWithVerdicts()
{
    const QList<SessionCase> cases = {
        makeCase(QStringLiteral("passes"), QStringLiteral("{{base}}/moved"),
                 {expect(ExpectationKind::StatusSequence, QStringLiteral("301, 200")),
                  expect(ExpectationKind::FinalUrl, QStringLiteral("*/ok"))}),
        makeCase(QStringLiteral("wrong statuses"), QStringLiteral("{{base}}/moved"),
                 {expect(ExpectationKind::StatusSequence, QStringLiteral("302, 200")),
                  expect(ExpectationKind::FinalStatus, QStringLiteral("200")),
                  expect(ExpectationKind::HopCount, QStringLiteral("5"))}),
        makeCase(QStringLiteral("unknown variable"), QStringLiteral("{{nope}}/ok"),
                 {expect(ExpectationKind::FinalStatus, QStringLiteral("200"))}),
        makeCase(QStringLiteral("loop without expectations"), QStringLiteral("{{base}}/a")),
        makeCase(QStringLiteral("no expectations"), QStringLiteral("{{base}}/ok")),
    };
    CaseRunner runner;
    QSignalSpy started(&runner, &CaseRunner::caseStarted);
    QSignalSpy finishedCase(&runner, &CaseRunner::caseFinished);
    QSignalSpy progress(&runner, &CaseRunner::progress);
    QSignalSpy finished(&runner, &CaseRunner::finished);
    // One at a time: no case starts before the one before it is reported.
    QList<int> order;
    connect(&runner, &CaseRunner::caseStarted, this, [&](int index) {
        QCOMPARE(finishedCase.size(), index);
        order.append(index);
    });
    QVERIFY(runner.start(jobsOf(cases), session()));
    QVERIFY(runner.isRunning());
    QCOMPARE(runner.total(), 5);
    QCOMPARE(started.size(), 1);  // the first case starts at once
    QVERIFY(runner.engine()->isRunning());
    QVERIFY(finished.wait(20000));
    QVERIFY(!runner.isRunning());
    QCOMPARE(finished.size(), 1);
    QCOMPARE(order, (QList<int>{0, 1, 2, 3, 4}));
    QCOMPARE(finishedCase.size(), 5);
    for (int i = 0; i < 5; ++i) {
        const CaseRunResult r = resultAt(finishedCase, i);
        QCOMPARE(r.index, i);
        QCOMPARE(r.id.toString(), cases.at(i).name);
        QCOMPARE(r.name, cases.at(i).name);
        QCOMPARE(started.at(i).at(0).toInt(), i);
        QCOMPARE(started.at(i).at(1).toString(), cases.at(i).name);
        QCOMPARE(progress.at(i), (QList<QVariant>{i + 1, 5}));
    }

    const CaseRunResult passes = resultAt(finishedCase, 0);
    QVERIFY(passes.passed());
    QVERIFY(passes.trace);
    QCOMPARE(passes.trace->hops.size(), 2);
    QCOMPARE(passes.verdict.results.size(), 2);
    QVERIFY(passes.elapsedMs > 0);
    QCOMPARE(verdictText(passes), QStringLiteral("passed"));
    QCOMPARE(verdictLines(passes), QStringList());

    // The failed expectations, in order, in the words both front ends show.
    const CaseRunResult wrong = resultAt(finishedCase, 1);
    QVERIFY(!wrong.passed());
    QCOMPARE(wrong.verdict.results.size(), 3);
    QVERIFY(wrong.verdict.results.at(1).passed);
    QCOMPARE(verdictLines(wrong),
             (QStringList{QStringLiteral("status sequence: expected 302, 200, saw 301, 200"),
                          QStringLiteral("hop count: expected 5, saw 2")}));
    QCOMPARE(verdictText(wrong), QStringLiteral("failed: status sequence: expected 302, 200, saw 301, 200; "
                                                "hop count: expected 5, saw 2"));

    // Not dropped: reported in its place, as not run.
    const CaseRunResult unknown = resultAt(finishedCase, 2);
    QVERIFY(!unknown.passed());
    QVERIFY(!unknown.trace);
    QCOMPARE(unknown.error, QStringLiteral("unknown variable {{nope}} in the URL"));
    QCOMPARE(verdictLines(unknown), QStringList{unknown.error});
    QCOMPARE(verdictText(unknown), QStringLiteral("not run: unknown variable {{nope}} in the URL"));

    // Without expectations the chain must end in a final response; the failure names the outcome.
    const CaseRunResult loop = resultAt(finishedCase, 3);
    QVERIFY(!loop.passed());
    QCOMPARE(loop.trace->outcome.kind, OutcomeKind::Loop);
    QCOMPARE(verdictLines(loop).size(), 1);
    QCOMPARE(verdictLines(loop).constFirst(),
             QStringLiteral("no expectations, and the chain did not reach a final response: loop: ")
                 + loop.trace->outcome.message);
    QVERIFY(resultAt(finishedCase, 4).passed());

    // Every request of the cases that ran: 2 + 2 + 0 + 2 (the loop is seen before the third) + 1.
    QCOMPARE(m_server->requestCount(), 7);
}

void tst_CaseRunner::verdictWords_data()
{
    QTest::addColumn<CaseRunResult>("result");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("lines");
    Trace final;
    final.outcome.kind = OutcomeKind::Final;
    Trace stopped;
    stopped.outcome.kind = OutcomeKind::Stopped;
    CaseRunResult passed;
    passed.trace = final;
    passed.verdict.passed = true;
    QTest::newRow("passed") << passed << QStringLiteral("passed") << QStringList();
    CaseRunResult one;
    one.trace = final;
    one.verdict.failures = {QStringLiteral("final status: expected 200, saw 404")};
    QTest::newRow("one failure") << one << QStringLiteral("failed: final status: expected 200, saw 404")
                                 << one.verdict.failures;
    CaseRunResult two = one;
    two.verdict.failures.append(QStringLiteral("cookies set: expected session, saw none"));
    QTest::newRow("two failures") << two
                                  << QStringLiteral("failed: final status: expected 200, saw 404; cookies "
                                                    "set: expected session, saw none")
                                  << two.verdict.failures;
    CaseRunResult notRun;
    notRun.error = QStringLiteral("the URL is empty");
    QTest::newRow("not run") << notRun << QStringLiteral("not run: the URL is empty")
                             << QStringList{QStringLiteral("the URL is empty")};
    CaseRunResult halted;
    halted.trace = stopped;
    halted.verdict.failures = {QStringLiteral("ignored")};
    QTest::newRow("stopped") << halted << QStringLiteral("stopped") << QStringList();
}

void tst_CaseRunner::verdictWords()
{
    QFETCH(CaseRunResult, result);
    QFETCH(QString, text);
    QFETCH(QStringList, lines);
    QCOMPARE(verdictText(result), text);
    QCOMPARE(verdictLines(result), lines);
}

void tst_CaseRunner::unresolvableCases_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("error");
    QTest::newRow("unknown variable") << QStringLiteral("{{base}}/{{missing}}") << QString()
                                      << QStringLiteral("unknown variable {{missing}} in the URL");
    QTest::newRow("unknown environment") << QStringLiteral("{{base}}/ok") << QStringLiteral("staging")
                                         << QStringLiteral("unknown environment \"staging\": the session "
                                                           "has none");
    QTest::newRow("empty URL") << QString() << QString() << QStringLiteral("the URL is empty");
}

void tst_CaseRunner::unresolvableCases()
{
    QFETCH(QString, url);
    QFETCH(QString, environment);
    QFETCH(QString, error);
    CaseRunner runner;
    QSignalSpy finishedCase(&runner, &CaseRunner::caseFinished);
    QSignalSpy finished(&runner, &CaseRunner::finished);
    const QList<SessionCase> cases = {makeCase(QStringLiteral("bad"), url),
                                      makeCase(QStringLiteral("bad too"), url)};
    QVERIFY(runner.start(jobsOf(cases), session(), environment));
    QCOMPARE(finishedCase.size(), 1);  // resolved (and refused) at once
    QVERIFY(!runner.engine()->isRunning());
    QVERIFY(finished.wait(5000));
    QCOMPARE(finishedCase.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const CaseRunResult r = resultAt(finishedCase, i);
        QCOMPARE(r.index, i);
        QVERIFY(!r.trace);
        QCOMPARE(r.error, error);
        QCOMPARE(verdictText(r), QStringLiteral("not run: ") + error);
    }
    QCOMPARE(m_server->requestCount(), 0);
}

void tst_CaseRunner::variablesInLayers()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const QString nowhere = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
    closed.close();
    Session s = session();
    const QString good = s.variables.constFirst().second;
    s.variables = {{QStringLiteral("base"), nowhere}};
    s.environments = {{QStringLiteral("local"), {{QStringLiteral("base"), good}}},
                      {QStringLiteral("broken"), {{QStringLiteral("base"), nowhere}}}};
    const QList<CaseRunJob> jobs =
        jobsOf({makeCase(QStringLiteral("ok"), QStringLiteral("{{base}}/ok"),
                         {expect(ExpectationKind::FinalStatus, QStringLiteral("200"))})});
    const auto runOnce = [&](const QString &environment, const Variables &overrides) {
        CaseRunner runner;
        QSignalSpy finishedCase(&runner, &CaseRunner::caseFinished);
        QSignalSpy finished(&runner, &CaseRunner::finished);
        runner.start(jobs, s, environment, overrides);
        if (!finished.wait(20000) || finishedCase.size() != 1)
            return CaseRunResult();
        return resultAt(finishedCase, 0);
    };
    QVERIFY(!runOnce(QString(), {}).passed());               // the session's
    QVERIFY(runOnce(QStringLiteral("local"), {}).passed());  // the environment's
    QVERIFY(runOnce(QStringLiteral("broken"), {{QStringLiteral("base"), good}}).passed());  // overrides
    QCOMPARE(m_server->requestCount(), 2);
}

void tst_CaseRunner::cancelStopsTheRunningCaseAndDropsTheRest()
{
    CaseRunner runner;
    QSignalSpy started(&runner, &CaseRunner::caseStarted);
    QSignalSpy finishedCase(&runner, &CaseRunner::caseFinished);
    QSignalSpy finished(&runner, &CaseRunner::finished);
    const QList<SessionCase> cases = {makeCase(QStringLiteral("fast"), QStringLiteral("{{base}}/ok")),
                                      makeCase(QStringLiteral("slow"), QStringLiteral("{{base}}/slow")),
                                      makeCase(QStringLiteral("never"), QStringLiteral("{{base}}/ok"))};
    // Cancel once the slow case's request is on the server, waiting for its answer.
    connect(m_server, &ScriptedServer::requestReceived, &runner, [&] {
        if (m_server->requests().constLast().path() == "/slow")
            runner.cancel();
    });
    QVERIFY(runner.start(jobsOf(cases), session()));
    QVERIFY(finished.wait(20000));
    QVERIFY(!runner.isRunning());
    QVERIFY(!runner.engine()->isRunning());
    QCOMPARE(started.size(), 2);
    QCOMPARE(finishedCase.size(), 2);
    QVERIFY(resultAt(finishedCase, 0).passed());
    const CaseRunResult slow = resultAt(finishedCase, 1);
    QVERIFY(slow.stopped());
    QVERIFY(!slow.passed());
    QCOMPARE(verdictText(slow), QStringLiteral("stopped"));
    QCOMPARE(verdictLines(slow), QStringList());
    // Nothing more comes: the dropped case is neither started nor reported.
    QTest::qWait(200);
    QCOMPARE(started.size(), 2);
    QCOMPARE(finishedCase.size(), 2);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(m_server->requestCount(), 2);
    // cancel() when idle does nothing; the runner runs again.
    runner.cancel();
    QCOMPARE(finished.size(), 1);
    QVERIFY(runner.start(jobsOf({cases.at(0)}), session()));
    QVERIFY(finished.wait(20000));
    QCOMPARE(finishedCase.size(), 3);
    QVERIFY(resultAt(finishedCase, 2).passed());
}

void tst_CaseRunner::cancelBetweenCases_data()
{
    QTest::addColumn<bool>("fromResult");
    QTest::addColumn<int>("startedCount");
    QTest::newRow("from the first case's result") << true << 1;
    QTest::newRow("as the second case starts") << false << 2;
}

void tst_CaseRunner::cancelBetweenCases()
{
    QFETCH(bool, fromResult);
    QFETCH(int, startedCount);
    CaseRunner runner;
    QSignalSpy started(&runner, &CaseRunner::caseStarted);
    QSignalSpy finishedCase(&runner, &CaseRunner::caseFinished);
    QSignalSpy finished(&runner, &CaseRunner::finished);
    // finished() at once, and the second case is never sent.
    if (fromResult) {
        connect(&runner, &CaseRunner::caseFinished, &runner, &CaseRunner::cancel);
    } else {
        connect(&runner, &CaseRunner::caseStarted, &runner, [&runner](int index) {
            if (index == 1)
                runner.cancel();
        });
    }
    QVERIFY(runner.start(jobsOf({makeCase(QStringLiteral("one"), QStringLiteral("{{base}}/ok")),
                                 makeCase(QStringLiteral("two"), QStringLiteral("{{base}}/ok"))}),
                         session()));
    QVERIFY(finished.wait(20000));
    QVERIFY(!runner.isRunning());
    QTest::qWait(100);
    QCOMPARE(started.size(), startedCount);
    QCOMPARE(finishedCase.size(), 1);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(m_server->requestCount(), 1);
    QVERIFY(!runner.engine()->isRunning());
}

void tst_CaseRunner::stoppedFromOutsideGoesOn()
{
    Engine engine;
    CaseRunner runner(&engine);
    QCOMPARE(runner.engine(), &engine);
    QSignalSpy finishedCase(&runner, &CaseRunner::caseFinished);
    QSignalSpy finished(&runner, &CaseRunner::finished);
    // The user stops the slow case (Esc in the window): no verdict on it, and the run goes on.
    connect(m_server, &ScriptedServer::requestReceived, &engine, [&] {
        if (m_server->requests().constLast().path() == "/slow")
            engine.stop();
    });
    QVERIFY(runner.start(jobsOf({makeCase(QStringLiteral("slow"), QStringLiteral("{{base}}/slow")),
                                 makeCase(QStringLiteral("after"), QStringLiteral("{{base}}/ok"))}),
                         session()));
    QVERIFY(finished.wait(20000));
    QCOMPARE(finishedCase.size(), 2);
    QVERIFY(resultAt(finishedCase, 0).stopped());
    QVERIFY(resultAt(finishedCase, 1).passed());
    // A trace of someone else's on the same engine is no case of the runner's.
    engine.start(get(m_server->url(QStringLiteral("/ok"))), Options());
    QSignalSpy engineDone(&engine, &Engine::finished);
    QVERIFY(engineDone.wait(20000));
    QTest::qWait(50);
    QCOMPARE(finishedCase.size(), 2);
}

void tst_CaseRunner::starterDecidesHowAChainStarts()
{
    CaseRunner runner;
    QList<QVariant> asked;
    bool refuse = true;
    runner.setStarter([&](const QVariant &id, const RequestSpec &request, const Options &options) {
        asked.append(id);
        if (refuse)
            return QStringLiteral("busy elsewhere");
        runner.engine()->start(request, options);
        return QString();
    });
    QSignalSpy finishedCase(&runner, &CaseRunner::caseFinished);
    QSignalSpy finished(&runner, &CaseRunner::finished);
    const QList<CaseRunJob> jobs = jobsOf({makeCase(QStringLiteral("ok"), QStringLiteral("{{base}}/ok"))});
    QVERIFY(runner.start(jobs, session()));
    QCOMPARE(finished.size(), 1);  // refused at once: nothing to wait for
    QVERIFY(!runner.isRunning());
    QCOMPARE(asked, (QList<QVariant>{QStringLiteral("ok")}));
    QCOMPARE(verdictText(resultAt(finishedCase, 0)), QStringLiteral("not run: busy elsewhere"));
    QCOMPARE(m_server->requestCount(), 0);
    refuse = false;
    QVERIFY(runner.start(jobs, session()));
    QVERIFY(finished.wait(20000));
    QVERIFY(resultAt(finishedCase, 1).passed());
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_CaseRunner::oneRunAtATime()
{
    CaseRunner runner;
    QSignalSpy finishedCase(&runner, &CaseRunner::caseFinished);
    QSignalSpy finished(&runner, &CaseRunner::finished);
    // Nothing to run: finished at once.
    QVERIFY(runner.start({}, session()));
    QCOMPARE(finished.size(), 1);
    QVERIFY(!runner.isRunning());
    const QList<CaseRunJob> jobs = jobsOf({makeCase(QStringLiteral("ok"), QStringLiteral("{{base}}/ok"))});
    QVERIFY(runner.start(jobs, session()));
    QVERIFY(!runner.start(jobs, session()));  // refused while the first runs
    QVERIFY(finished.wait(20000));
    QCOMPARE(finishedCase.size(), 1);
    QCOMPARE(m_server->requestCount(), 1);
    // The engine busy with a trace of someone else's: the case is not run, and says why.
    runner.engine()->start(get(m_server->url(QStringLiteral("/slow"))), Options());
    QVERIFY(runner.start(jobs, session()));
    QCOMPARE(finishedCase.size(), 2);
    QCOMPARE(resultAt(finishedCase, 1).error, QStringLiteral("the engine is busy with another trace"));
    QCOMPARE(finished.size(), 3);
    runner.engine()->stop();
}

QTEST_MAIN(tst_CaseRunner)
#include "tst_caserunner.moc"
