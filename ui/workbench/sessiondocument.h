#pragma once

#include "core/session/session.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <functional>

class QTimer;

namespace Rwb {

// The open session file of the window: where it lives, whether it has unsaved changes, and its recovery
// copy. (Qt Core only; the window shows it.)
//
// Nothing is lost: a save is atomic and keeps the previous file as .bak (saveSessionFile); a file that
// does not load is never written to; and a few seconds after each change the unsaved session is written
// to a recovery file under the application's data folder, which a later start offers back. The recovery
// file goes when the session is saved or the user discards the changes.
class SessionDocument final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionDocument)

public:
    // `snapshot` gives the session as the window holds it now (read at save and autosave time).
    explicit SessionDocument(std::function<Session()> snapshot, QObject *parent = nullptr);
    ~SessionDocument() override;

    QString path() const { return m_path; }  // empty for an untitled session
    QString displayName() const;             // file name, or "Untitled"
    bool isModified() const { return m_modified; }

    // Call on every change the user makes: marks the session modified and (re)starts the autosave timer.
    void markModified();
    // A new untitled session, or one just opened from `path`: not modified, no recovery file.
    void reset(const QString &path = QString());

    // Saves to `path` (or path() when empty). On success the document takes that path and is no longer
    // modified; on failure *error names the file and the reason, and nothing on disk changed.
    bool save(const QString &path, QString *error);
    // Forgets the unsaved changes' recovery copy (the user chose Discard).
    void discardRecovery();

    // Autosave delay (default 3 s).
    void setAutosaveDelay(int ms);
    // Writes the recovery copy now (what the timer does). False when it could not be written.
    bool autosaveNow();
    QString recoveryFile() const;

    // Recovery copies left by a session that ended without saving (a crash), newest first. Copies whose
    // process is still running (another window) are left out.
    struct Recovery {
        QString file;          // the recovery copy
        QString originalPath;  // the session file it belongs to; empty for an untitled session
        QDateTime savedAt;
    };
    static QList<Recovery> pendingRecoveries();
    // Takes a recovery copy over: the session it holds (or the error), with this document pointing at its
    // original path, modified, and the copy now this document's own recovery file.
    SessionLoadResult adopt(const Recovery &recovery);
    static void removeRecovery(const Recovery &recovery);
    static QString recoveryDir();

signals:
    void modifiedChanged(bool modified);
    void pathChanged(const QString &path);
    void autosaved(const QString &file);

private:
    void setModified(bool modified);
    void removeOwnRecovery();

    std::function<Session()> m_snapshot;
    QString m_path;
    bool m_modified = false;
    QString m_id;  // names this document's recovery files
    QTimer *m_timer = nullptr;
};

}  // namespace Rwb
