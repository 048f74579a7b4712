#pragma once

#include "core/http/trace.h"
#include "core/policy/options.h"

#include <QWidget>

class QLabel;
class QListView;
class QScrollArea;
class QTextBrowser;

namespace Rwb {

class Engine;
class TimelineModel;

// Runs one request under the browser, curl and strict profiles at once and shows the three timelines
// side by side; once all have ended, the rows where they differ are highlighted and listed.
class CompareView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareView)

public:
    explicit CompareView(QWidget *parent = nullptr);
    ~CompareView() override;

    // `options` applies to every profile except its `profile` field (and profile-default overrides).
    void start(const RequestSpec &request, const Options &options);
    void stop();
    bool isRunning() const;

    int columnCount() const;
    Profile profileAt(int column) const;
    TimelineModel *model(int column) const;
    QListView *view(int column) const;
    // One sentence per difference, "hop 1: method: POST (curl) vs GET (browser, strict)".
    QStringList differences() const;

signals:
    void finished();
    // The user activated (double-click, Enter) a row of one of the timelines.
    void hopSelected(const Rwb::Trace &trace, int row);

private:
    void onEngineFinished();
    void selectRow(int row, QListView *source);
    void fitHost(const QUrl &url, bool originMark);

    struct Column {
        Profile profile;
        Engine *engine = nullptr;
        TimelineModel *model = nullptr;
        QListView *view = nullptr;
        QLabel *title = nullptr;
        QWidget *box = nullptr;  // the title over the timeline
    };
    QList<Column> m_columns;
    QTextBrowser *m_summary = nullptr;
    QScrollArea *m_scroll = nullptr;
    QStringList m_differences;
    bool m_syncing = false;
};

}  // namespace Rwb
