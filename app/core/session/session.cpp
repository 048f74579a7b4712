// The session file on disk (load, atomic save with a backup) and the walk over its cases. Writing and
// reading the JSON are in session_write.cpp and session_read.cpp, resolving a case in session_resolve.cpp.
#include "core/session/session.h"

#include "core/io/boundedread.h"

#include "private/session_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

namespace Rwb {

namespace {

constexpr qint64 kMaxSessionFileBytes = kMaxDocumentBytes;

void collectCases(const QList<SessionItem> &items, const QString &folder, QList<CaseRef> *out)
{
    for (const SessionItem &item : items) {
        if (item.type == SessionItem::Type::Folder)
            collectCases(item.children, folder.isEmpty() ? item.name : folder + QLatin1Char('/') + item.name,
                         out);
        else
            out->append({folder, &item.testCase});
    }
}

}  // namespace

Variables sortedVariables(const Variables &variables)
{
    Variables sorted = variables;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    Variables out;
    for (const auto &v : sorted) {
        if (!out.isEmpty() && out.last().first == v.first)
            out.last().second = v.second;
        else
            out.append(v);
    }
    return out;
}

SessionLoadResult loadSessionFile(const QString &path)
{
    SessionLoadResult result;
    const QString name = QDir::toNativeSeparators(path);
    auto fail = [&](const QString &why) {
        result.error = QStringLiteral("%1: %2").arg(name, why);
        return result;
    };
    const BoundedRead read = readBounded(path, kMaxSessionFileBytes, QStringLiteral("a session file"));
    if (!read.bytes) {
        result.error = read.error;
        return result;
    }
    const QByteArray &bytes = *read.bytes;
    if (bytes.isEmpty())
        return fail(QStringLiteral("the file is empty"));
    result = sessionFromJson(bytes);
    if (!result.session)
        result.error = QStringLiteral("%1: %2").arg(name, result.error);
    else
        result.session->directory = QFileInfo(path).absolutePath();
    return result;
}

bool saveSessionFile(const QString &path, const Session &session, QString *error)
{
    auto fail = [&](const QString &file, const QString &why) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(file), why);
        return false;
    };
    const QFileInfo info(path);
    if (info.isDir())
        return fail(path, QStringLiteral("is a directory"));
    if (info.exists()) {
        // Keep the previous bytes beside the file first, atomically too, so that a bad save can be undone.
        QFile current(path);
        if (!current.open(QIODevice::ReadOnly))
            return fail(path,
                        QStringLiteral("cannot read it to keep a backup: %1").arg(current.errorString()));
        const QByteArray previous = current.readAll();
        if (current.error() != QFileDevice::NoError)
            return fail(path,
                        QStringLiteral("cannot read it to keep a backup: %1").arg(current.errorString()));
        const QString bakPath = path + QStringLiteral(".bak");
        QSaveFile bak(bakPath);
        if (!bak.open(QIODevice::WriteOnly))
            return fail(bakPath, QStringLiteral("cannot write the backup: %1").arg(bak.errorString()));
        if (bak.write(previous) != previous.size() || !bak.commit())
            return fail(bakPath, QStringLiteral("cannot write the backup: %1").arg(bak.errorString()));
        QFile::setPermissions(bakPath, info.permissions());  // the backup is as private as the file
    }
    const QByteArray bytes = sessionToJson(session);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(path, QStringLiteral("cannot save: %1").arg(file.errorString()));
    if (file.write(bytes) != bytes.size() || !file.commit())
        return fail(path, QStringLiteral("cannot save: %1").arg(file.errorString()));
    return true;
}

QList<CaseRef> allCases(const Session &session)
{
    QList<CaseRef> out;
    collectCases(session.items, QString(), &out);
    return out;
}

QString runVerdictName(CaseRun::Verdict verdict)
{
    switch (verdict) {
    case CaseRun::Verdict::Passed:
        return QStringLiteral("passed");
    case CaseRun::Verdict::Failed:
        return QStringLiteral("failed");
    case CaseRun::Verdict::Unchecked:
        return QStringLiteral("unchecked");
    }
    return {};
}

BulkRules SessionBulk::rules() const
{
    BulkRules r;
    r.expectPermanent = expectPermanent;
    r.maxHops = maxHops;
    r.finalStatuses = parseStatusList(finalStatus).value_or(QList<int>());
    r.noDowngrade = noDowngrade;
    r.sameHost = sameHost;
    return r;
}

}  // namespace Rwb
