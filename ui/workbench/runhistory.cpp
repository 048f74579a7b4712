#include "workbench/runhistory.h"

#include "core/check/casecheck.h"

#include <QCoreApplication>

namespace Rwb {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RunHistory", text);
}

}  // namespace

QList<CaseRun> caseRuns(const SessionCase &testCase)
{
    QList<CaseRun> runs;
    if (testCase.lastTrace) {
        const CaseVerdict verdict = checkCase(testCase, *testCase.lastTrace);
        runs.append({runVerdict(testCase, verdict), verdict.failures, *testCase.lastTrace});
    }
    runs.append(testCase.history);
    return runs;
}

QString runTimeText(const Trace &trace)
{
    return trace.startedAt.isValid()
               ? trace.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
               : tr("unknown time");
}

QStringList runHistoryColumns()
{
    return {tr("Verdict"), tr("Run at"), tr("Outcome"), tr("Final URL"), tr("Profile")};
}

RowTableModel::Row runHistoryRow(const CaseRun &run, bool latest)
{
    RowTableModel::Row row;
    QString verdict;
    switch (run.verdict) {
    case CaseRun::Verdict::Passed:
        verdict = tr("✓ passed");
        row.tone = Theme::Tone::Good;
        break;
    case CaseRun::Verdict::Failed:
        verdict = run.failures.size() > 1 ? tr("✗ failed (%1)").arg(run.failures.size()) : tr("✗ failed");
        row.tone = Theme::Tone::Danger;
        break;
    case CaseRun::Verdict::Unchecked:
        verdict = tr("○ unchecked");
        row.tone = Theme::Tone::Muted;
        break;
    }
    const Trace &t = run.trace;
    QString when = runTimeText(t);
    if (latest)
        when += tr(" · latest");
    const QString outcome = t.outcome.message.isEmpty() ? outcomeKindName(t.outcome.kind) : t.outcome.message;
    const QString finalUrl = t.outcome.finalUrl.isValid() ? t.outcome.finalUrl.toString()
                             : t.hops.isEmpty()           ? QString()
                                                          : t.hops.constLast().request.url.toString();
    row.cells = {verdict, when, outcome, finalUrl, t.profile};
    QString tip = run.verdict == CaseRun::Verdict::Unchecked
                      ? tr("The chain ended, and the case has no expectations to check it against.")
                      : QString();
    if (!run.failures.isEmpty())
        tip = run.failures.join(QLatin1Char('\n'));
    row.toolTip = tip.isEmpty() ? outcome : tip + QStringLiteral("\n\n") + outcome;
    return row;
}

}  // namespace Rwb
