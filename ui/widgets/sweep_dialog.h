#pragma once

#include "experiment/experiment_config.h"

#include <QDialog>

#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;
QT_END_NAMESPACE

namespace tl::runs {
struct SweepPlan;
}

namespace tl::ui {

// Queue tab > "Sweep…": a small table of settings (by their path in the experiment file) and
// the values to try, expanded over the window's current experiment into every combination
// (grid) with a number of repeats (seeds). It says how many runs that makes and about how long
// they take at the training speed measured for each model, or why the sweep is not valid; OK
// queues them.
class SweepDialog : public QDialog
{
    Q_OBJECT

public:
    // `estimate` returns a run's expected seconds, or -1 when unknown.
    using Estimate = std::function<double(const experiment::ExperimentConfig &)>;
    SweepDialog(const experiment::ExperimentConfig &base, Estimate estimate,
                QWidget *parent = nullptr);
    ~SweepDialog() override;

    // Sets row `row` (added when needed) to a setting and its comma-separated values.
    void setRow(int row, const QString &path, const QString &values);
    void setRepeats(int repeats);
    void setSweepName(const QString &name);
    QString sweepName() const;
    // The expanded sweep, valid while isValid().
    bool isValid() const { return m_plan != nullptr; }
    const runs::SweepPlan &plan() const { return *m_plan; }
    // "6 runs · about 4 min" or the reason the sweep is not valid.
    QString summaryText() const;
    QTableWidget *table() const { return m_table; }

private:
    void addRow(const QString &path = {}, const QString &values = {});
    void replan();

    experiment::ExperimentConfig m_base;
    Estimate m_estimate;
    QTableWidget *m_table;
    QSpinBox *m_repeats;
    QLineEdit *m_name;
    QLabel *m_summary;
    QDialogButtonBox *m_buttons;
    std::unique_ptr<runs::SweepPlan> m_plan;
};

// A value typed in the sweep table as JSON: a number, true/false, or text.
QString sweepValueJson(const QString &typed);

} // namespace tl::ui
