#pragma once

#include "core/check/bulkinput.h"
#include "core/check/bulkrunner.h"
#include "core/http/trace.h"
#include "core/policy/options.h"
#include "core/session/session.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <memory>

class QAction;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace Rwb {

class BulkFilterModel;
class BulkInputReader;
class BulkResultModel;
class Engine;

// Tools → Bulk Check (issue 14): the window side of `rwb check`. The input is pasted (a URL list, a
// CSV/TSV redirect map or a sitemap) or named (a file, or an http(s) URL whose sitemap index is followed);
// the profile and the rules are picked; Run traces every line through a BulkRunner, with a progress bar,
// Cancel, and a table that fills as chains end (BulkResultModel: sortable, filtered by problem code and by
// text). A double-click opens the line's trace in the main timeline; Export writes the rows as rwb check's
// formats. The window is a tool window of the main one: closing it hides it, and a run goes on.
class BulkCheckWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkCheckWindow)

public:
    explicit BulkCheckWindow(QWidget *parent = nullptr);
    ~BulkCheckWindow() override;

    // Starts a run over the input as set in the window; false (and the reason in the status line) when the
    // input or a rule cannot be read, or a run goes on. An http(s) source is fetched first, and an input over
    // 64 KiB read by a worker thread: when that fails, the status line says why and runFinished() follows.
    bool run();
    void cancel();
    bool isRunning() const;
    // Opens the trace of the table's row (a view row): the kept one, or the line traced again.
    void openRow(int viewRow);
    // The window's input, profile and rules as a session case holding a bulk check (its source as its
    // input, or the pasted text as its lines), and back. A loaded case's request (method, headers, body,
    // auth; `request` as resolved for its session) is what every line is sent with, until another case is
    // loaded; the table of an earlier run is cleared.
    SessionCase toCase() const;
    void loadCase(const SessionCase &testCase, const RequestSpec &request = RequestSpec());
    const RequestSpec &request() const { return m_request; }

    // Writes the rows as `format` (BulkResultModel::exportFormats()) to `path` atomically; false and
    // *error when the file cannot be written.
    bool exportTo(const QString &path, const QString &format, QString *error);

    // The parts, for the tests.
    QPlainTextEdit *inputEdit() const { return m_input; }
    QLineEdit *sourceEdit() const { return m_source; }
    QComboBox *formatBox() const { return m_format; }
    QComboBox *profileBox() const { return m_profile; }
    QCheckBox *expectPermanentBox() const { return m_expectPermanent; }
    QCheckBox *noDowngradeBox() const { return m_noDowngrade; }
    QCheckBox *sameHostBox() const { return m_sameHost; }
    QCheckBox *insecureBox() const { return m_insecure; }
    QPushButton *saveCaseButton() const { return m_saveCase; }
    QSpinBox *maxHopsBox() const { return m_maxHops; }
    QLineEdit *finalStatusEdit() const { return m_finalStatus; }
    QSpinBox *parallelBox() const { return m_parallel; }
    QSpinBox *perHostBox() const { return m_perHost; }
    QComboBox *codeFilter() const { return m_codeFilter; }
    QLineEdit *textFilter() const { return m_textFilter; }
    QTableView *table() const { return m_table; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *runButton() const { return m_runButton; }
    QPushButton *cancelButton() const { return m_cancelButton; }
    BulkResultModel *model() const { return m_model; }
    BulkFilterModel *filterModel() const { return m_filter; }

signals:
    // A line's trace to show in the main timeline; `caption` names the line.
    void openTrace(const Rwb::Trace &trace, const QString &caption);
    void runFinished();
    // Save as Case: the check as a new case of the open session (toCase()).
    void saveAsCase(const Rwb::SessionCase &testCase);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildLayout();
    bool startLines(const BulkInput &input);          // false: a rule or the input is wrong (said)
    void onInputRead(const BulkInputResult &result);  // fetched or read by a worker
    void onLineFinished(const BulkResult &result);
    void onRunFinished();
    void refresh();  // the batch into the table, the progress, the filter's counts
    void updateCodeFilter();
    void setStatus(const QString &text, bool error = false);
    void updateButtons();
    void chooseSource();
    void chooseExport();
    Options runOptions() const;

    QLineEdit *m_source = nullptr;
    QPushButton *m_browse = nullptr;
    QComboBox *m_format = nullptr;
    QPlainTextEdit *m_input = nullptr;
    QComboBox *m_profile = nullptr;
    QCheckBox *m_expectPermanent = nullptr;
    QCheckBox *m_noDowngrade = nullptr;
    QCheckBox *m_sameHost = nullptr;
    QCheckBox *m_insecure = nullptr;
    QPushButton *m_saveCase = nullptr;
    QSpinBox *m_maxHops = nullptr;
    QLineEdit *m_finalStatus = nullptr;
    QSpinBox *m_parallel = nullptr;
    QSpinBox *m_perHost = nullptr;
    QSpinBox *m_retries = nullptr;
    QDoubleSpinBox *m_rate = nullptr;
    QPushButton *m_runButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QComboBox *m_codeFilter = nullptr;
    QLineEdit *m_textFilter = nullptr;
    QTableView *m_table = nullptr;

    BulkResultModel *m_model = nullptr;
    BulkFilterModel *m_filter = nullptr;
    BulkRunner *m_runner = nullptr;
    BulkInputReader *m_reader = nullptr;  // an input fetched or read by a worker
    std::unique_ptr<Engine> m_retrace;    // a line traced again for openRow()
    QString m_retraceCaption;
    QTimer m_refreshTimer;
    QElapsedTimer m_clock;
    Options m_runOptions;       // the run's, for lines traced again
    RequestSpec m_request;      // what each line is sent with (its URL the line's): a loaded case's
    CaseRequest m_caseRequest;  // the same as the case wrote it, for Save as Case
    QString m_runTitle;
    qsizetype m_toRun = 0;
    QStringList m_filterCodes;  // the codes the filter lists, to rebuild it only when they change
};

}  // namespace Rwb
