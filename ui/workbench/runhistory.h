#pragma once

#include "core/session/session.h"
#include "workbench/rowtablemodel.h"

#include <QList>

namespace Rwb {

// A case's runs as its History tab lists them, newest first: the latest (its lastTrace, with the verdict
// it has against the case's expectations now, as the session tree marks it) and then its history.
QList<CaseRun> caseRuns(const SessionCase &testCase);

// When the run started, local time to the second (two runs in the same minute stay apart):
// "2026-12-04 20:21:20"; "unknown time" for a trace without its start.
QString runTimeText(const Trace &trace);

// The History table's columns, and a run as one row of it: the verdict (coloured), when it ran, how the
// chain ended, the final URL and the profile. `latest` marks the case's latest run.
enum RunHistoryColumn {
    RunVerdictColumn,
    RunTimeColumn,
    RunOutcomeColumn,
    RunFinalUrlColumn,
    RunProfileColumn
};
QStringList runHistoryColumns();
RowTableModel::Row runHistoryRow(const CaseRun &run, bool latest);

}  // namespace Rwb
