#pragma once

#include <QObject>

class QAction;
class QImage;
class QListView;
class QWidget;

namespace Rwb {

class SessionController;
class TraceController;

// File → Export Trace (the trace in the timeline as HAR, JSON, CSV, Markdown, a curl script or a picture,
// secrets redacted unless Keep Secrets in Exports is on) and File → Import (a curl command line or a HAR
// file becomes cases of the session).
class ImportExportController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportExportController)

public:
    struct Actions {
        QAction *exportTrace = nullptr;
        QAction *importCurl = nullptr;
        QAction *importHar = nullptr;
        QAction *keepSecrets = nullptr;  // checkable
    };

    // The actions are added to `window`, over which the dialogs open.
    ImportExportController(TraceController *trace, QListView *timeline, SessionController *sessions,
                           QWidget *window);
    ~ImportExportController() override;

    const Actions &actions() const { return m_actions; }

    // Format "har", "json", "csv", "md", "curl" or "png".
    bool exportTrace(const QString &path, const QString &format, bool keepSecrets, QString *error);
    bool importCurlCase(const QString &commandLine, QString *error);
    bool importHarFile(const QString &path, QString *error);
    // The whole timeline as a picture (every card, up to 2,000 of them).
    QImage timelineImage() const;
    // Where Export Trace's dialog starts: beside the session file, else the last export's folder.
    QString exportStartPath() const;

signals:
    void statusMessage(const QString &text, int timeout = 0);

private:
    void exportWithDialog();
    void importCurlWithDialog();
    void importHarWithDialog();

    Actions m_actions;
    TraceController *m_trace = nullptr;
    QListView *m_timeline = nullptr;
    SessionController *m_sessions = nullptr;
    QWidget *m_window = nullptr;
};

}  // namespace Rwb
