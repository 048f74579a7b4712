#include "widgets/searchcontroller.h"

#include "widgets/bodyview.h"
#include "widgets/hopinspector.h"
#include "widgets/searchbar.h"
#include "widgets/windowcommand.h"
#include "workbench/timelinemodel.h"

#include <QAction>
#include <QElapsedTimer>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimer>

#include <algorithm>
#include <climits>
#include <tuple>

namespace Rwb {

namespace {

constexpr int kSliceMs = 10;     // one slice of a long search: well under a frame at 60 Hz
constexpr int kHopsPerCall = 4;  // hops searched between two looks at the clock
constexpr int kRerunDelayMs = 150;

// Matches in trace order: hop by hop (the outcome last), then place, item and position.
auto orderKey(const SearchMatch &m)
{
    return std::make_tuple(m.hop < 0 ? INT_MAX : m.hop, int(m.place), m.item, m.start);
}

bool isRequestPlace(SearchPlace place)
{
    return place == SearchPlace::RequestLine || place == SearchPlace::RequestHeaderName
           || place == SearchPlace::RequestHeaderValue || place == SearchPlace::RequestBody;
}

// The key sequences of `keys` without repeats: a sequence bound twice to one action is ambiguous and
// triggers nothing (QKeySequence::Find is Ctrl+F on most platforms, and empty on the offscreen one).
QList<QKeySequence> distinct(const QList<QKeySequence> &keys)
{
    QList<QKeySequence> out;
    for (const QKeySequence &k : keys) {
        if (!k.isEmpty() && !out.contains(k))
            out.append(k);
    }
    return out;
}

// The `ordinal`th occurrence of the query in a document (the first when there are fewer), or a null cursor.
QTextCursor findInDocument(QTextDocument *document, const QString &query, const SearchOptions &options,
                           int ordinal)
{
    const QTextDocument::FindFlags flags =
        options.caseSensitive ? QTextDocument::FindCaseSensitively : QTextDocument::FindFlags();
    QRegularExpression regex(query, options.caseSensitive ? QRegularExpression::NoPatternOption
                                                          : QRegularExpression::CaseInsensitiveOption);
    QTextCursor first;
    QTextCursor cursor(document);
    for (int i = 0; i <= ordinal; ++i) {
        cursor = options.regularExpression ? document->find(regex, cursor, flags)
                                           : document->find(query, cursor, flags);
        if (cursor.isNull())
            return first;
        if (i == 0)
            first = cursor;
    }
    return cursor;
}

QWidget *inspectorPage(HopInspector *inspector, const QString &name)
{
    QTabWidget *tabs = inspector->tabs();
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->widget(i)->objectName() == name)
            return tabs->widget(i);
    }
    return nullptr;
}

}  // namespace

SearchController::SearchController(const Views &views, QWidget *window)
    : QObject(window)
    , m_views(views)
    , m_bar(new SearchBar(window))
    , m_slice(new QTimer(this))
    , m_rerun(new QTimer(this))
{
    m_actions.find = newCommand(this, "findInTrace", tr("&Find in Trace…"),
                                distinct({QKeySequence::Find, QKeySequence(Qt::CTRL | Qt::Key_F)}),
                                tr("Search the hops' URLs, headers, bodies and notes"));
    m_actions.findNext = newCommand(
        this, "findNext", tr("Find &Next"),
        distinct({QKeySequence(Qt::Key_F3), QKeySequence(Qt::CTRL | Qt::Key_G), QKeySequence::FindNext}),
        tr("Show the next match of the search"));
    m_actions.findPrevious =
        newCommand(this, "findPrevious", tr("Find Pre&vious"),
                   distinct({QKeySequence(Qt::SHIFT | Qt::Key_F3),
                             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G), QKeySequence::FindPrevious}),
                   tr("Show the previous match of the search"));
    for (QAction *a : {m_actions.find, m_actions.findNext, m_actions.findPrevious})
        window->addAction(a);
    connect(m_actions.find, &QAction::triggered, this, &SearchController::find);
    connect(m_actions.findNext, &QAction::triggered, this, &SearchController::findNext);
    connect(m_actions.findPrevious, &QAction::triggered, this, &SearchController::findPrevious);

    m_slice->setSingleShot(true);
    m_slice->setInterval(0);
    connect(m_slice, &QTimer::timeout, this, &SearchController::searchSlice);
    m_rerun->setSingleShot(true);
    m_rerun->setInterval(kRerunDelayMs);
    connect(m_rerun, &QTimer::timeout, this, [this] { restart(false); });

    connect(m_bar, &SearchBar::queryChanged, this, [this] { restart(true); });
    connect(m_bar, &SearchBar::nextRequested, this, &SearchController::findNext);
    connect(m_bar, &SearchBar::previousRequested, this, &SearchController::findPrevious);
    connect(m_bar, &SearchBar::closed, this, [this] {
        m_slice->stop();
        m_rerun->stop();
        m_nextHop = -1;
        clearMarks();
        m_views.timeline->setFocus(Qt::OtherFocusReason);
    });

    // A new hop, a response recorded, another trace shown: search again once the trace has settled.
    TimelineModel *timeline = model();
    const auto changed = [this] {
        if (m_bar->isVisible() && !m_bar->query().isEmpty())
            m_rerun->start();
    };
    connect(timeline, &QAbstractItemModel::rowsInserted, this, changed);
    connect(timeline, &QAbstractItemModel::rowsRemoved, this, changed);
    connect(timeline, &QAbstractItemModel::modelReset, this, changed);
    connect(timeline, &QAbstractItemModel::dataChanged, this,
            [changed](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                // Our own marks and a comparison's differences change no text.
                const bool marksOnly = !roles.isEmpty() && std::all_of(roles.begin(), roles.end(), [](int r) {
                    return r == TimelineModel::SearchMatchRole || r == TimelineModel::DifferencesRole;
                });
                if (!marksOnly)
                    changed();
            });
}

SearchController::~SearchController() = default;

TimelineModel *SearchController::model() const
{
    return static_cast<TimelineModel *>(m_views.timeline->model());
}

void SearchController::find()
{
    const bool wasVisible = m_bar->isVisible();
    m_bar->open();
    if (!wasVisible && !m_bar->query().isEmpty())
        restart(true);
}

void SearchController::findNext()
{
    if (!m_bar->isVisible()) {
        find();
        return;
    }
    step(1);
}

void SearchController::findPrevious()
{
    if (!m_bar->isVisible()) {
        find();
        return;
    }
    step(-1);
}

// Starts the search over: a new query or options (`jump`: go to the first match), or a changed trace (the
// current match stays the current one).
void SearchController::restart(bool jump)
{
    m_rerun->stop();
    m_trace = model()->trace();
    m_query = m_bar->query();
    m_options = m_bar->options();
    m_result = SearchResult();
    m_current = -1;
    m_jumpFromHop = -1;
    if (jump) {
        // The first match in the trace, whichever hop is selected: the selection is most often the final
        // hop the window picked, and "1 of 17" is what a new query should say.
        m_shown.reset();
        m_jumpFromHop = 0;
    }
    m_nextHop = m_query.isEmpty() ? -1 : 0;
    if (m_query.isEmpty()) {
        clearMarks();
        m_bar->setCount(QString());
        return;
    }
    searchSlice();
}

void SearchController::searchSlice()
{
    QElapsedTimer clock;
    clock.start();
    while (m_nextHop >= 0 && clock.elapsed() < kSliceMs) {
        SearchOptions options = m_options;
        options.maxMatches = m_options.maxMatches - int(m_result.matches.size());
        const SearchResult part = searchTrace(m_trace, m_query, options, m_nextHop, m_nextHop + kHopsPerCall);
        m_result.matches.append(part.matches);
        m_result.error = part.error;
        m_result.capped = part.capped;
        m_nextHop = part.error.isEmpty() && !part.capped ? part.nextHop : -1;
    }
    finishSlice();
    if (m_nextHop >= 0)
        m_slice->start();
}

// After each slice: the marks, the current match (found again, or the first from the selected hop on for
// a new query) and the count.
void SearchController::finishSlice()
{
    const QList<SearchMatch> &matches = m_result.matches;
    QSet<int> rows;
    for (const SearchMatch &m : matches)
        rows.insert(m.hop >= 0 ? m.hop : model()->outcomeRow());
    rows.remove(-1);
    model()->setSearchRows(rows);

    if (m_jumpFromHop >= 0) {
        const auto it = std::find_if(matches.begin(), matches.end(), [this](const SearchMatch &m) {
            return m.hop < 0 || m.hop >= m_jumpFromHop;
        });
        if (it != matches.end()) {
            m_jumpFromHop = -1;
            show(int(it - matches.begin()));
            return;
        }
        if (!isSearching() && !matches.isEmpty()) {  // none after the selected hop: wrap round
            m_jumpFromHop = -1;
            show(0);
            return;
        }
    } else if (m_shown && m_current < 0) {
        // The match shown before the trace changed, or the next one after it.
        const auto it = std::lower_bound(
            matches.begin(), matches.end(), *m_shown,
            [](const SearchMatch &a, const SearchMatch &b) { return orderKey(a) < orderKey(b); });
        if (it != matches.end())
            m_current = int(it - matches.begin());
    }
    updateCount();
}

void SearchController::step(int direction)
{
    const QList<SearchMatch> &matches = m_result.matches;
    if (matches.isEmpty())
        return;
    int next = m_current;
    if (next < 0) {
        // From the selected hop: the first match on or after it, or the last one on or before it.
        const QModelIndex selected = m_views.timeline->currentIndex();
        const int row = selected.isValid() ? selected.row() : (direction > 0 ? 0 : INT_MAX);
        const auto hopOf = [](const SearchMatch &m) {
            return m.hop < 0 ? INT_MAX : m.hop;
        };
        next = direction > 0 ? 0 : int(matches.size()) - 1;
        for (int i = 0; i < matches.size(); ++i) {
            const int j = direction > 0 ? i : int(matches.size()) - 1 - i;
            if (direction > 0 ? hopOf(matches.at(j)) >= row : hopOf(matches.at(j)) <= row) {
                next = j;
                break;
            }
        }
    } else {
        next = int((m_current + direction + matches.size()) % matches.size());
    }
    show(next);
}

void SearchController::show(int index)
{
    m_current = index;
    const SearchMatch &match = m_result.matches.at(index);
    m_shown = match;
    const int row = match.hop >= 0 ? match.hop : model()->outcomeRow();
    if (row >= 0 && row < model()->rowCount()) {
        const QModelIndex at = model()->index(row);
        m_views.timeline->setCurrentIndex(at);
        m_views.timeline->scrollTo(at);
    }
    highlight(match);
    updateCount();
}

// The inspector's tab that shows the matched text, and the text itself selected where a view can.
void SearchController::highlight(const SearchMatch &match)
{
    if (match.place == SearchPlace::Outcome)
        return;  // the outcome row's inspector shows the outcome message
    HopInspector *inspector = m_views.inspector;
    const QString tab = isRequestPlace(match.place)                ? QStringLiteral("Request")
                        : match.place == SearchPlace::ResponseBody ? QStringLiteral("Body")
                        : match.place == SearchPlace::Note         ? QStringLiteral("Explain")
                                                                   : QStringLiteral("Response");
    QWidget *page = inspectorPage(inspector, tab);
    if (!page)
        return;
    inspector->tabs()->setCurrentWidget(page);

    // Which of this hop's matches in this place it is: the text views show the place reformatted
    // (pretty JSON, the Explain tab's prose), so the match is found there again by count.
    int ordinal = 0;
    for (int i = m_current - 1; i >= 0; --i) {
        const SearchMatch &m = m_result.matches.at(i);
        if (m.hop != match.hop || m.place != match.place)
            break;
        ++ordinal;
    }
    const auto selectIn = [&](auto *edit) {
        const QTextCursor cursor = findInDocument(edit->document(), m_query, m_options, ordinal);
        if (!cursor.isNull()) {
            edit->setTextCursor(cursor);
            edit->ensureCursorVisible();
        }
    };
    const QList<QTableView *> tables = page->findChildren<QTableView *>(Qt::FindDirectChildrenOnly);
    const QString text = searchText(m_trace, match);
    switch (match.place) {
    case SearchPlace::RequestHeaderName:
    case SearchPlace::RequestHeaderValue:
    case SearchPlace::ResponseHeaderName:
    case SearchPlace::ResponseHeaderValue:
        // The first table of the Request and Response pages is their header table, a row per header line.
        if (!tables.isEmpty() && match.item < tables.first()->model()->rowCount()) {
            tables.first()->selectRow(match.item);
            tables.first()->scrollTo(tables.first()->model()->index(match.item, 0));
        }
        break;
    case SearchPlace::RequestBody:
        if (auto *body = page->findChild<BodyView *>(QStringLiteral("requestBodyView")))
            selectIn(body->textEdit());
        break;
    case SearchPlace::ResponseBody:
        if (auto *body = page->findChild<BodyView *>())
            selectIn(body->textEdit());
        break;
    case SearchPlace::Note:
        if (auto *explain = page->findChild<QTextBrowser *>())
            selectIn(explain);
        break;
    default:
        // The request line, status line and error are labels: select the matched characters in the one
        // that shows this text.
        for (QLabel *label : page->findChildren<QLabel *>(Qt::FindDirectChildrenOnly)) {
            if (label->text() == text) {
                label->setSelection(match.start, match.length);
                break;
            }
        }
        break;
    }
}

void SearchController::updateCount()
{
    if (!m_result.error.isEmpty()) {
        m_bar->setCount(tr("Invalid expression"), true);
        m_bar->countLabel()->setToolTip(m_result.error);
        return;
    }
    QString text = searchCountText(m_current, int(m_result.matches.size()), m_result.capped);
    if (isSearching())
        text += QStringLiteral("…");
    m_bar->setCount(text);
}

void SearchController::clearMarks()
{
    model()->setSearchRows({});
}

}  // namespace Rwb
