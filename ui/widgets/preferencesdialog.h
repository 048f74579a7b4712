#pragma once

#include "workbench/preferences.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace Rwb {

// Edit → Preferences: the defaults of a new request (profile, redirect limit, timeout, User-Agent), the
// runs kept per case, and the theme. The dialog edits a copy; preferences() is what OK would keep.
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)

public:
    explicit PreferencesDialog(const Preferences &preferences, QWidget *parent = nullptr);
    ~PreferencesDialog() override;

    Preferences preferences() const;

    QComboBox *profileBox() const { return m_profile; }
    QSpinBox *limitBox() const { return m_limit; }
    QDoubleSpinBox *timeoutBox() const { return m_timeout; }
    QComboBox *userAgentBox() const { return m_userAgent; }
    QComboBox *themeBox() const { return m_theme; }
    QSpinBox *runsKeptBox() const { return m_runsKept; }

private:
    QComboBox *m_profile = nullptr;
    QSpinBox *m_limit = nullptr;
    QDoubleSpinBox *m_timeout = nullptr;
    QComboBox *m_userAgent = nullptr;
    QComboBox *m_theme = nullptr;
    QSpinBox *m_runsKept = nullptr;
};

}  // namespace Rwb
