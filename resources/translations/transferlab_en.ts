<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>QObject</name>
    <message numerus="yes">
        <source>… %n point(s) …</source>
        <translation>
            <numerusform>… %n point …</numerusform>
            <numerusform>… %n points …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fix(es) written to %1.</source>
        <translation>
            <numerusform>%n fix written to %1.</numerusform>
            <numerusform>%n fixes written to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::LabelFixBar</name>
    <message numerus="yes">
        <source>%n fix(es) pending</source>
        <translation>
            <numerusform>%n fix pending</numerusform>
            <numerusform>%n fixes pending</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::ConfusionModel</name>
    <message numerus="yes">
        <source>true %1, predicted %2: %n image(s)</source>
        <translation>
            <numerusform>true %1, predicted %2: %n image</numerusform>
            <numerusform>true %1, predicted %2: %n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::DataHealthPanel</name>
    <message numerus="yes">
        <source>Leakage: %n group(s)</source>
        <translation>
            <numerusform>Leakage: %n group</numerusform>
            <numerusform>Leakage: %n groups</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicates: %n group(s)</source>
        <translation>
            <numerusform>Duplicates: %n group</numerusform>
            <numerusform>Duplicates: %n groups</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Leakage: %n test or validation image(s) repeat training images&lt;/b&gt;, which the score counts as new.&lt;br&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;Leakage: %n test or validation image repeats training images&lt;/b&gt;, which the score counts as new.&lt;br&gt;</numerusform>
            <numerusform>&lt;b&gt;Leakage: %n test or validation images repeat training images&lt;/b&gt;, which the score counts as new.&lt;br&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::DataPanel</name>
    <message numerus="yes">
        <source>Left out: %n training image(s) marked in Results → Feature space</source>
        <translation>
            <numerusform>Left out: %n training image marked in Results → Feature space</numerusform>
            <numerusform>Left out: %n training images marked in Results → Feature space</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::LabelFixList</name>
    <message numerus="yes">
        <source>%n fix(es) pending, applied only when you press Apply fixes.</source>
        <translation>
            <numerusform>%n fix pending, applied only when you press Apply fixes.</numerusform>
            <numerusform>%n fixes pending, applied only when you press Apply fixes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Apply %n label fix(es)</source>
        <translation>
            <numerusform>Apply %n label fix</numerusform>
            <numerusform>Apply %n label fixes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fix(es) pending · working…</source>
        <translation>
            <numerusform>%n fix pending · working…</numerusform>
            <numerusform>%n fixes pending · working…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fix(es) pending</source>
        <translation>
            <numerusform>%n fix pending</numerusform>
            <numerusform>%n fixes pending</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::MainWindow</name>
    <message numerus="yes">
        <source>Queued %n fold run(s) for the label check: see the Queue tab.</source>
        <translation>
            <numerusform>Queued %n fold run for the label check: see the Queue tab.</numerusform>
            <numerusform>Queued %n fold runs for the label check: see the Queue tab.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The next run leaves out %n training image(s) (Data tab)</source>
        <translation>
            <numerusform>The next run leaves out %n training image (Data tab)</numerusform>
            <numerusform>The next run leaves out %n training images (Data tab)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::PredictPanel</name>
    <message numerus="yes">
        <source>Cannot read %n image(s):
</source>
        <translation>
            <numerusform>Cannot read %n image:
</numerusform>
            <numerusform>Cannot read %n images:
</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::QueuePanel</name>
    <message numerus="yes">
        <source>mean test accuracy of %n run(s); click to open one</source>
        <translation>
            <numerusform>mean test accuracy of %n run; click to open it</numerusform>
            <numerusform>mean test accuracy of %n runs; click to open one</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Which setting mattered (%n points)</source>
        <translation>
            <numerusform>Which setting mattered (%n point)</numerusform>
            <numerusform>Which setting mattered (%n points)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::TeachPanel</name>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only %n image(s): record at least %1, from several sides and distances, so the model learns the class and not one picture.</source>
        <translation>
            <numerusform>Only %n image: record at least %1, from several sides and distances, so the model learns the class and not one picture.</numerusform>
            <numerusform>Only %n images: record at least %1, from several sides and distances, so the model learns the class and not one picture.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::TrainingPanel</name>
    <message numerus="yes">
        <source>Stage %1 (%2): %n epoch(s)</source>
        <translation>
            <numerusform>Stage %1 (%2): %n epoch</numerusform>
            <numerusform>Stage %1 (%2): %n epochs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped: the run keeps its %n completed epoch(s).</source>
        <translation>
            <numerusform>Stopped: the run keeps its %n completed epoch.</numerusform>
            <numerusform>Stopped: the run keeps its %n completed epochs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped during the test evaluation. The run keeps its %n completed epoch(s) and is not finished: resume it from the Runs tab.</source>
        <translation>
            <numerusform>Stopped during the test evaluation. The run keeps its %n completed epoch and is not finished: resume it from the Runs tab.</numerusform>
            <numerusform>Stopped during the test evaluation. The run keeps its %n completed epochs and is not finished: resume it from the Runs tab.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::UnitChart</name>
    <message numerus="yes">
        <source>%n point(s) from %1 to %2</source>
        <translation>
            <numerusform>%n point from %1 to %2</numerusform>
            <numerusform>%n points from %1 to %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::FoldRunsBar</name>
    <message numerus="yes">
        <source>%n run(s) left of %1 epochs each: about %2, one after another (at this run&apos;s own speed); the finished ones are kept.</source>
        <translation>
            <numerusform>%n run left of %1 epochs each: about %2, one after another (at this run&apos;s own speed); the finished ones are kept.</numerusform>
            <numerusform>%n runs left of %1 epochs each: about %2, one after another (at this run&apos;s own speed); the finished ones are kept.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::CompareView</name>
    <message numerus="yes">
        <source>%n test image(s) have another label in B: both runs are scored here against B&apos;s labels.</source>
        <translation>
            <numerusform>%n test image has another label in B: both runs are scored here against B&apos;s labels.</numerusform>
            <numerusform>%n test images have another label in B: both runs are scored here against B&apos;s labels.</numerusform>
        </translation>
    </message>
</context>
</TS>
