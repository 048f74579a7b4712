// Earlier runs of a bulk check (issue 14), read back from their JSON Lines records (bulkResultJsonLine()):
// --resume skips the lines a run already wrote, --baseline compares each line's chain with the earlier
// run's, hop by hop (status and Location), final URL and outcome, and says what changed. Pure.
#pragma once

#include "core/check/bulkrunner.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace Rwb {

// What a record keeps of a line's chain: enough to tell whether it changed.
struct BulkRecord {
    qint64 line = 0;
    QString from;
    bool passed = false;
    QString outcome;  // outcomeKindName(); empty: not traced (invalid-url)
    QString finalUrl;
    int finalStatus = 0;
    QList<QPair<int, QString>> hops;  // status (0: no response) and Location of each hop
    QStringList codes;                // the problems' codes, warnings too
    // The same chain: hops, final URL and outcome alike (the problems follow from them and the rules).
    bool sameChain(const BulkRecord &other) const
    {
        return hops == other.hops && finalUrl == other.finalUrl && outcome == other.outcome;
    }
};

BulkRecord bulkRecordOf(const BulkResult &result);

struct BulkRecordsResult {
    std::optional<QList<BulkRecord>> records;
    QString error;  // "line N: ..." for a line that is not a record
};
// Each non-empty line must be a JSON object with at least "line" and "from"; a last line cut short (a run
// killed while writing it) is dropped, as a line never finished.
BulkRecordsResult readBulkRecords(const QByteArray &jsonl);

enum class BaselineChange {
    New,         // the baseline has no line for this URL
    Same,        // the same chain
    Changed,     // another chain, passing (or failing) as before
    NewFailure,  // passed before, fails now
    Fixed,       // failed before, passes now
};
QString baselineChangeName(BaselineChange change);  // "new", "same", "changed", "new-failure", "fixed"
BaselineChange compareWithBaseline(const BulkRecord &now, const BulkRecord *before);

// The records of a baseline by `from` (the URL as written: a map's lines may move between runs). When a URL
// is there twice, the first record counts.
QHash<QString, BulkRecord> recordsByFrom(const QList<BulkRecord> &records);

}  // namespace Rwb
