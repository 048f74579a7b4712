#include "widgets/compareview.h"

#include "core/engine/engine.h"
#include "core/policy/tracecompare.h"
#include "widgets/timelinedelegate.h"
#include "workbench/timelinelayout.h"
#include "workbench/timelinemodel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Rwb {

CompareView::CompareView(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    // The columns scroll sideways rather than cut hosts short when the window is narrow (the sandbox
    // dock open at 1440 pixels): each is at least as wide as its longest host needs.
    m_scroll = new QScrollArea(splitter);
    m_scroll->setObjectName(QStringLiteral("compare-columns"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);  // each timeline scrolls itself
    auto *columns = new QWidget(m_scroll);
    auto *row = new QHBoxLayout(columns);
    row->setContentsMargins(0, 0, 0, 0);
    for (Profile profile : allProfiles()) {
        Column c{profile};
        auto *box = new QWidget(columns);
        auto *v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        c.box = box;
        c.title = new QLabel(box);
        c.title->setTextFormat(Qt::PlainText);
        c.title->setWordWrap(true);
        c.engine = new Engine(this);
        c.model = new TimelineModel(this);
        c.model->clear(profileName(profile));
        c.view = new QListView(box);
        c.view->setObjectName(QStringLiteral("compare-") + profileName(profile));
        c.view->setModel(c.model);
        c.view->setItemDelegate(new TimelineDelegate(c.view));
        c.view->setUniformItemSizes(true);
        c.view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);  // cards shrink to the column
        c.view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
        c.view->setSelectionMode(QAbstractItemView::SingleSelection);
        v->addWidget(c.title);
        v->addWidget(c.view, 1);
        row->addWidget(box, 1);
        m_columns.append(c);
        TimelineModel *model = c.model;
        Engine *engine = c.engine;
        QListView *view = c.view;
        connect(engine, &Engine::hopStarted, model, [this, model, engine](int i) {
            model->addHop(engine->trace().hops.at(i));
            const QList<Hop> &hops = engine->trace().hops;
            const QUrl &url = hops.at(i).request.url;
            fitHost(url, i > 0
                             && !hops.constFirst().request.url.matches(
                                 url, QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment));
        });
        connect(engine, &Engine::hopRecorded, model,
                [model, engine](int i) { model->updateHop(engine->trace().hops.at(i)); });
        connect(engine, &Engine::finished, this, [this, model, engine] {
            model->finish(engine->trace().outcome);
            onEngineFinished();
        });
        connect(model, &TimelineModel::scaleChanged, view, [view] { view->viewport()->update(); });
        connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                [this, view](const QModelIndex &current) {
                    if (current.isValid())
                        selectRow(current.row(), view);
                });
        connect(view, &QAbstractItemView::activated, this,
                [this, model](const QModelIndex &index) { emit hopSelected(model->trace(), index.row()); });
        // The three timelines scroll together so that hop N sits side by side.
        connect(view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this, view](int value) {
            if (m_syncing)
                return;
            m_syncing = true;
            for (const Column &other : std::as_const(m_columns)) {
                if (other.view != view)
                    other.view->verticalScrollBar()->setValue(value);
            }
            m_syncing = false;
        });
    }
    m_summary = new QTextBrowser(splitter);
    m_summary->setObjectName(QStringLiteral("compare-summary"));
    m_summary->setPlaceholderText(tr("Compare runs the request under the browser, curl and strict profiles "
                                     "and lists here where they part ways."));
    m_scroll->setWidget(columns);
    splitter->addWidget(m_scroll);
    splitter->addWidget(m_summary);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter);
    for (Column &c : m_columns)
        c.title->setText(profileName(c.profile));
}

CompareView::~CompareView() = default;

void CompareView::fitHost(const QUrl &url, bool originMark)
{
    if (m_columns.isEmpty())
        return;
    QListView *view = m_columns.constFirst().view;
    const int needed = TimelineLayout::widthForHost(url, originMark, view->font()) + 2 * view->frameWidth()
                       + view->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, view);
    for (Column &c : m_columns) {
        if (c.box->minimumWidth() < needed)
            c.box->setMinimumWidth(needed);
    }
}

void CompareView::start(const RequestSpec &request, const Options &options)
{
    if (isRunning())
        return;
    m_differences.clear();
    m_summary->clear();
    for (Column &c : m_columns) {
        Options o = options;
        o.profile = c.profile;
        c.model->clear(profileName(c.profile));
        c.box->setMinimumWidth(0);
        c.title->setText(tr("%1 — running…").arg(profileName(c.profile)));
        c.engine->start(request, o);
    }
}

void CompareView::stop()
{
    for (Column &c : m_columns)
        c.engine->stop();
}

bool CompareView::isRunning() const
{
    for (const Column &c : m_columns) {
        if (c.engine->isRunning())
            return true;
    }
    return false;
}

int CompareView::columnCount() const
{
    return int(m_columns.size());
}

Profile CompareView::profileAt(int column) const
{
    return m_columns.at(column).profile;
}

TimelineModel *CompareView::model(int column) const
{
    return m_columns.at(column).model;
}

QListView *CompareView::view(int column) const
{
    return m_columns.at(column).view;
}

QStringList CompareView::differences() const
{
    return m_differences;
}

void CompareView::onEngineFinished()
{
    for (Column &c : m_columns) {
        if (c.engine->isRunning())
            continue;
        c.title->setText(
            QStringLiteral("%1 — %2").arg(profileName(c.profile), c.engine->trace().outcome.message));
    }
    if (isRunning())
        return;
    QList<Trace> traces;
    QStringList names;
    for (const Column &c : std::as_const(m_columns)) {
        traces.append(c.engine->trace());
        names.append(profileName(c.profile));
    }
    const QList<CompareRow> rows = compareTraces(traces, names);
    QList<QStringList> perRow;
    QString html;
    for (int i = 0; i < rows.size(); ++i) {
        perRow.append(rows.at(i).differences);
        if (rows.at(i).differences.isEmpty())
            continue;
        const bool outcomeRow = i == rows.size() - 1;
        const QString where = outcomeRow ? tr("outcome") : tr("hop %1").arg(i);
        html += QStringLiteral("<p><b>%1</b><ul>").arg(where.toHtmlEscaped());
        for (const QString &d : rows.at(i).differences) {
            m_differences.append(where + QStringLiteral(": ") + d);
            html += QStringLiteral("<li>%1</li>").arg(d.toHtmlEscaped());
        }
        html += QStringLiteral("</ul></p>");
    }
    // Outcome rows sit after each trace's own hops; map the final compare row onto each outcome row.
    for (Column &c : m_columns) {
        QList<QStringList> mine = perRow;
        const int hops = int(c.engine->trace().hops.size());
        if (!rows.isEmpty()) {
            QStringList outcomeDiff = rows.last().differences;
            mine = perRow.mid(0, hops);
            while (mine.size() < hops)
                mine.append(QStringList());
            mine.append(outcomeDiff);
        }
        c.model->setDifferences(mine);
    }
    if (m_differences.isEmpty())
        html = tr("<p>The three profiles took the same path: same hops, methods, statuses and headers.</p>");
    m_summary->setHtml(html);
    emit finished();
}

void CompareView::selectRow(int row, QListView *source)
{
    if (m_syncing)
        return;
    m_syncing = true;
    for (const Column &c : std::as_const(m_columns)) {
        if (c.view == source || row >= c.model->rowCount())
            continue;
        c.view->setCurrentIndex(c.model->index(row));
    }
    m_syncing = false;
}

}  // namespace Rwb
