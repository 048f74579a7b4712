#include "widgets/preferencesdialog.h"

#include "core/http/useragents.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace Rwb {

PreferencesDialog::PreferencesDialog(const Preferences &preferences, QWidget *parent)
    : QDialog(parent)
    , m_profile(new QComboBox(this))
    , m_limit(new QSpinBox(this))
    , m_timeout(new QDoubleSpinBox(this))
    , m_userAgent(new QComboBox(this))
    , m_theme(new QComboBox(this))
    , m_runsKept(new QSpinBox(this))
{
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(tr("Preferences"));
    m_profile->addItem(tr("The one used last"), QString());
    for (const Profile p : allProfiles())
        m_profile->addItem(profileName(p), profileName(p));
    m_profile->setCurrentIndex(preferences.profile ? m_profile->findData(profileName(*preferences.profile))
                                                   : 0);
    // The lowest value stands for "unset", as in the Options tab.
    m_limit->setRange(-1, 1000);
    m_limit->setSpecialValueText(tr("the profile's own"));
    m_limit->setValue(preferences.maxRedirects.value_or(-1));
    m_timeout->setRange(0.001, 3600);
    m_timeout->setDecimals(3);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setValue(preferences.timeoutMs / 1000.0);
    m_userAgent->setEditable(true);
    m_userAgent->setInsertPolicy(QComboBox::NoInsert);
    m_userAgent->addItem(tr("The profile's own"), QString());
    for (const UserAgentPreset &preset : userAgentPresets()) {
        m_userAgent->addItem(preset.name, preset.name);
        m_userAgent->setItemData(m_userAgent->count() - 1, preset.description, Qt::ToolTipRole);
    }
    m_userAgent->setCurrentText(preferences.userAgent.isEmpty() ? m_userAgent->itemText(0)
                                                                : preferences.userAgent);
    m_userAgent->setToolTip(tr("A preset's name or the User-Agent string itself"));
    m_theme->addItem(tr("As the desktop"), Preferences::themeName(Preferences::Theme::System));
    m_theme->addItem(tr("Light"), Preferences::themeName(Preferences::Theme::Light));
    m_theme->addItem(tr("Dark"), Preferences::themeName(Preferences::Theme::Dark));
    m_theme->setCurrentIndex(m_theme->findData(Preferences::themeName(preferences.theme)));

    m_runsKept->setRange(1, kMaxRunsKept);
    m_runsKept->setValue(preferences.runsKept);
    m_runsKept->setToolTip(tr("How many runs of each case the session keeps, the latest included (its "
                              "History tab). A smaller number trims a case's history at its next run."));

    // Two groups: what a new request starts with, and what holds for the whole window.
    auto *requestGroup = new QGroupBox(tr("New requests"), this);
    auto *intro =
        new QLabel(tr("Defaults for a new request. Saved cases keep their own options."), requestGroup);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Profile:"), m_profile);
    form->addRow(tr("&Redirect limit:"), m_limit);
    form->addRow(tr("Time&out per hop:"), m_timeout);
    form->addRow(tr("&User-Agent:"), m_userAgent);
    auto *requestLayout = new QVBoxLayout(requestGroup);
    requestLayout->addWidget(intro);
    requestLayout->addLayout(form);
    auto *windowGroup = new QGroupBox(tr("Sessions and look"), this);
    auto *windowForm = new QFormLayout(windowGroup);
    windowForm->addRow(tr("Runs &kept per case:"), m_runsKept);
    windowForm->addRow(tr("&Theme:"), m_theme);
    // The two groups' fields start at the same x.
    QList<QWidget *> labels;
    for (const QFormLayout *f : {form, windowForm}) {
        for (int row = 0; row < f->rowCount(); ++row)
            labels.append(f->itemAt(row, QFormLayout::LabelRole)->widget());
    }
    int labelWidth = 0;
    for (const QWidget *label : labels)
        labelWidth = qMax(labelWidth, label->sizeHint().width());
    for (QWidget *label : labels)
        label->setMinimumWidth(labelWidth);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(requestGroup);
    layout->addWidget(windowGroup);
    layout->addWidget(buttons);
    // Room for a User-Agent string to be read while it is typed.
    setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 60);
}

PreferencesDialog::~PreferencesDialog() = default;

Preferences PreferencesDialog::preferences() const
{
    Preferences p;
    p.profile = profileFromName(m_profile->currentData().toString());
    p.maxRedirects = m_limit->value() < 0 ? std::nullopt : std::optional<int>(m_limit->value());
    p.timeoutMs = int(std::lround(m_timeout->value() * 1000));
    const QString ua = m_userAgent->currentText().trimmed();
    p.userAgent = ua == m_userAgent->itemText(0) ? QString() : ua;
    p.theme =
        Preferences::themeFromName(m_theme->currentData().toString()).value_or(Preferences::Theme::System);
    p.runsKept = m_runsKept->value();
    return p;
}

}  // namespace Rwb
