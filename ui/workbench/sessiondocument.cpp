#include "workbench/sessiondocument.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace Rwb {

namespace {

constexpr auto kMetaSuffix = ".json";

bool writeAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}

bool processRunning(qint64 pid)
{
    return pid > 0 && pid != QCoreApplication::applicationPid()
           && QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid));
}

}  // namespace

SessionDocument::SessionDocument(std::function<Session()> snapshot, QObject *parent)
    : QObject(parent)
    , m_snapshot(std::move(snapshot))
    , m_id(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(3000);
    connect(m_timer, &QTimer::timeout, this, &SessionDocument::autosaveNow);
}

SessionDocument::~SessionDocument() = default;

QString SessionDocument::displayName() const
{
    return m_path.isEmpty() ? tr("Untitled") : QFileInfo(m_path).fileName();
}

void SessionDocument::markModified()
{
    setModified(true);
    m_timer->start();
}

void SessionDocument::reset(const QString &path)
{
    m_timer->stop();
    removeOwnRecovery();
    m_id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (m_path != path) {
        m_path = path;
        emit pathChanged(m_path);
    }
    setModified(false);
}

bool SessionDocument::save(const QString &path, QString *error)
{
    const QString target = path.isEmpty() ? m_path : path;
    if (target.isEmpty()) {
        *error = tr("No file name to save to");
        return false;
    }
    if (!saveSessionFile(target, m_snapshot(), error))
        return false;
    m_timer->stop();
    removeOwnRecovery();
    if (m_path != target) {
        m_path = target;
        emit pathChanged(m_path);
    }
    setModified(false);
    return true;
}

void SessionDocument::discardRecovery()
{
    m_timer->stop();
    removeOwnRecovery();
}

void SessionDocument::setAutosaveDelay(int ms)
{
    m_timer->setInterval(ms);
}

QString SessionDocument::recoveryDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
           + QStringLiteral("/recovery");
}

QString SessionDocument::recoveryFile() const
{
    return recoveryDir() + QLatin1Char('/') + m_id + QLatin1Char('.') + QLatin1String(kSessionFileSuffix);
}

bool SessionDocument::autosaveNow()
{
    if (!m_modified)
        return false;
    if (!QDir().mkpath(recoveryDir()))
        return false;
    const QString file = recoveryFile();
    QJsonObject meta{{QStringLiteral("originalPath"), m_path},
                     {QStringLiteral("savedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                     {QStringLiteral("pid"), QCoreApplication::applicationPid()}};
    // The session first, then the note naming it: a note always points at a whole copy.
    if (!writeAtomically(file, sessionToJson(m_snapshot()))
        || !writeAtomically(file + QLatin1String(kMetaSuffix), QJsonDocument(meta).toJson()))
        return false;
    emit autosaved(file);
    return true;
}

QList<SessionDocument::Recovery> SessionDocument::pendingRecoveries()
{
    QList<Recovery> out;
    const QDir dir(recoveryDir());
    const QStringList metas = dir.entryList(
        {QStringLiteral("*.") + QLatin1String(kSessionFileSuffix) + QLatin1String(kMetaSuffix)}, QDir::Files);
    for (const QString &name : metas) {
        QFile metaFile(dir.filePath(name));
        if (!metaFile.open(QIODevice::ReadOnly) || metaFile.size() > 64 * 1024)
            continue;
        const QJsonObject meta = QJsonDocument::fromJson(metaFile.readAll()).object();
        if (processRunning(meta.value(QStringLiteral("pid")).toInteger()))
            continue;
        Recovery r;
        r.file = dir.filePath(name.chopped(int(qstrlen(kMetaSuffix))));
        if (!QFileInfo::exists(r.file))
            continue;
        r.originalPath = meta.value(QStringLiteral("originalPath")).toString();
        r.savedAt =
            QDateTime::fromString(meta.value(QStringLiteral("savedAt")).toString(), Qt::ISODateWithMs);
        out.append(r);
    }
    std::sort(out.begin(), out.end(),
              [](const Recovery &a, const Recovery &b) { return a.savedAt > b.savedAt; });
    return out;
}

SessionLoadResult SessionDocument::adopt(const Recovery &recovery)
{
    SessionLoadResult loaded = loadSessionFile(recovery.file);
    if (!loaded.session)
        return loaded;
    m_timer->stop();
    removeOwnRecovery();
    m_id = QFileInfo(recovery.file).completeBaseName();
    if (m_path != recovery.originalPath) {
        m_path = recovery.originalPath;
        emit pathChanged(m_path);
    }
    setModified(true);
    return loaded;
}

void SessionDocument::removeRecovery(const Recovery &recovery)
{
    QFile::remove(recovery.file + QLatin1String(kMetaSuffix));
    QFile::remove(recovery.file);
}

void SessionDocument::removeOwnRecovery()
{
    removeRecovery({recoveryFile(), {}, {}});
}

void SessionDocument::setModified(bool modified)
{
    if (m_modified == modified)
        return;
    m_modified = modified;
    emit modifiedChanged(modified);
}

}  // namespace Rwb
