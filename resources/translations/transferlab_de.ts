<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message numerus="yes">
        <source>… %n point(s) …</source>
        <translation>
            <numerusform>… %n Punkt …</numerusform>
            <numerusform>… %n Punkte …</numerusform>
        </translation>
    </message>
    <message>
        <source>No values yet.</source>
        <translation>Noch keine Werte.</translation>
    </message>
    <message>
        <source>%1: choices</source>
        <translation>%1: Auswahl</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System language (%1)</source>
        <translation>Systemsprache (%1)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>TransferLab will use %1 when it starts again.</source>
        <translation>TransferLab verwendet %1 beim nächsten Start.</translation>
    </message>
    <message>
        <source>the system&apos;s language</source>
        <translation>die Systemsprache</translation>
    </message>
    <message>
        <source>CPU, up to %1 threads (CUDA when available)</source>
        <translation>CPU, bis zu %1 Threads (CUDA, wenn verfügbar)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>validating</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>epoch&apos;s confusion matrix</source>
        <translation>Konfusionsmatrix der Epoche</translation>
    </message>
    <message>
        <source>testing</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>backbone features</source>
        <translation>Merkmale des Backbones</translation>
    </message>
    <message numerus="yes">
        <source>%n fix(es) written to %1.</source>
        <translation>
            <numerusform>%n Korrektur nach %1 geschrieben.</numerusform>
            <numerusform>%n Korrekturen nach %1 geschrieben.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 relabelled, %2 set aside in %3.</source>
        <translation>%1 neu beschriftet, %2 in %3 beiseitegelegt.</translation>
    </message>
    <message>
        <source>%1 relabelled in %2; %3 set aside in %4.</source>
        <translation>%1 neu beschriftet in %2; %3 beiseitegelegt in %4.</translation>
    </message>
</context>
<context>
    <name>tl::ui::CalibrationPanel</name>
    <message>
        <source>Train a model or open a run to see how far its confidence can be trusted.</source>
        <translation>Trainieren Sie ein Modell oder öffnen Sie einen Lauf, um zu sehen, wie weit seiner Sicherheit zu trauen ist.</translation>
    </message>
    <message>
        <source>&amp;Calibrate on the validation images</source>
        <translation>Auf den Validierungsbildern &amp;kalibrieren</translation>
    </message>
    <message>
        <source>Temperature scaling: one number T, fitted on the validation images, divides the model&apos;s outputs so that its confidence matches how often it is right. It never changes which class is predicted. Also sets when Predict says &quot;I don&apos;t know&quot;.</source>
        <translation>Temperaturskalierung: Eine Zahl T, angepasst auf den Validierungsbildern, teilt die Ausgaben des Modells, sodass seine Sicherheit dazu passt, wie oft es richtig liegt. Welche Klasse vorhergesagt wird, ändert sich nie. Legt auch fest, wann Vorhersage „Ich weiß es nicht“ sagt.</translation>
    </message>
    <message>
        <source>Reliability: is it right as often as it is sure?</source>
        <translation>Zuverlässigkeit: Liegt es so oft richtig, wie es sich sicher ist?</translation>
    </message>
    <message>
        <source>confidence (probability of the predicted class)</source>
        <translation>Sicherheit (Wahrscheinlichkeit der vorhergesagten Klasse)</translation>
    </message>
    <message>
        <source>share right</source>
        <translation>Anteil richtig</translation>
    </message>
    <message>
        <source>accuracy per confidence bin</source>
        <translation>Genauigkeit je Sicherheitsbereich</translation>
    </message>
    <message>
        <source>perfectly calibrated</source>
        <translation>perfekt kalibriert</translation>
    </message>
    <message>
        <source>before calibrating</source>
        <translation>vor dem Kalibrieren</translation>
    </message>
    <message>
        <source>Precision and recall of one class</source>
        <translation>Präzision und Recall einer Klasse</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>as the threshold rises</source>
        <translation>bei steigender Schwelle</translation>
    </message>
    <message>
        <source>at the threshold</source>
        <translation>an der Schwelle</translation>
    </message>
    <message>
        <source>Among the images predicted as this class and accepted by the threshold: the share that are right (precision) and the share of the class&apos;s images found (recall)</source>
        <translation>Unter den Bildern, die als diese Klasse vorhergesagt und von der Schwelle angenommen wurden: der Anteil der richtigen (Präzision) und der Anteil der gefundenen Bilder der Klasse (Recall)</translation>
    </message>
    <message>
        <source>C&amp;lass:</source>
        <translation>K&amp;lasse:</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <source>Below it the model says &quot;not sure&quot;; arrow keys move it by 1 %.</source>
        <translation>Darunter sagt das Modell „nicht sicher“; die Pfeiltasten verschieben sie um 1 %.</translation>
    </message>
    <message>
        <source>accepted and right</source>
        <translation>angenommen und richtig</translation>
    </message>
    <message>
        <source>accepted but wrong</source>
        <translation>angenommen, aber falsch</translation>
    </message>
    <message>
        <source>not sure</source>
        <translation>nicht sicher</translation>
    </message>
    <message>
        <source>The test images in the chosen group, the most confident first</source>
        <translation>Die Testbilder der gewählten Gruppe, die sichersten zuerst</translation>
    </message>
    <message>
        <source>Images in the chosen group</source>
        <translation>Bilder der gewählten Gruppe</translation>
    </message>
    <message>
        <source>Threshold: below it the model says &quot;not sure&quot;</source>
        <translation>Schwelle: Darunter sagt das Modell „nicht sicher“</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>&amp;Zeigen:</translation>
    </message>
    <message>
        <source>Load the run&apos;s dataset (Data tab) to calibrate it</source>
        <translation>Laden Sie den Datensatz des Laufs (Reiter Daten), um ihn zu kalibrieren</translation>
    </message>
    <message>
        <source>The model&apos;s own probabilities (%1). Not calibrated.</source>
        <translation>Die eigenen Wahrscheinlichkeiten des Modells (%1). Nicht kalibriert.</translation>
    </message>
    <message>
        <source>The model&apos;s own probabilities (%1). &lt;b&gt;Not calibrated&lt;/b&gt;: Calibrate fits one temperature on the validation images and sets when Predict says &quot;I don&apos;t know&quot;.</source>
        <translation>Die eigenen Wahrscheinlichkeiten des Modells (%1). &lt;b&gt;Nicht kalibriert&lt;/b&gt;: Kalibrieren passt eine Temperatur auf den Validierungsbildern an und legt fest, wann Vorhersage „Ich weiß es nicht“ sagt.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Calibrated&lt;/b&gt;: T = %1, fitted on %2 validation images; test ECE %3 → %4. Predictions, galleries and Predict use the calibrated probabilities.&lt;br&gt;&quot;I don&apos;t know&quot; above an unfamiliar score of %5 (%6 of the validation images).%7</source>
        <translation>&lt;b&gt;Kalibriert&lt;/b&gt;: T = %1, angepasst auf %2 Validierungsbildern; Test-ECE %3 → %4. Vorhersagen, Galerien und Vorhersage verwenden die kalibrierten Wahrscheinlichkeiten.&lt;br&gt;„Ich weiß es nicht“ oberhalb eines Fremdheitswerts von %5 (%6 der Validierungsbilder).%7</translation>
    </message>
    <message>
        <source>&lt;br&gt;Load the run&apos;s dataset to see the calibrated test images.</source>
        <translation>&lt;br&gt;Laden Sie den Datensatz des Laufs, um die kalibrierten Testbilder zu sehen.</translation>
    </message>
    <message>
        <source>Calibrating: the features and probabilities of every image, then the temperature…</source>
        <translation>Kalibrierung: die Merkmale und Wahrscheinlichkeiten jedes Bildes, dann die Temperatur…</translation>
    </message>
    <message>
        <source>Reliability on %1 test images, calibrated (T = %2)</source>
        <translation>Zuverlässigkeit auf %1 Testbildern, kalibriert (T = %2)</translation>
    </message>
    <message>
        <source>Reliability on %1 test images</source>
        <translation>Zuverlässigkeit auf %1 Testbildern</translation>
    </message>
    <message>
        <source>Expected calibration error &lt;b&gt;%1&lt;/b&gt;%2: the gap between confidence and accuracy, averaged over the bins.</source>
        <translation>Erwarteter Kalibrierungsfehler &lt;b&gt;%1&lt;/b&gt;%2: die Lücke zwischen Sicherheit und Genauigkeit, gemittelt über die Bereiche.</translation>
    </message>
    <message>
        <source> (before calibrating %1)</source>
        <translation> (vor dem Kalibrieren %1)</translation>
    </message>
    <message>
        <source> When it is at least 90&#xa0;% sure (%1 images) it is right %2 of the time.</source>
        <translation> Wenn es zu mindestens 90 % sicher ist (%1 Bilder), liegt es in %2 der Fälle richtig.</translation>
    </message>
    <message>
        <source>Accept a prediction at ≥ %1 % %2</source>
        <translation>Vorhersage annehmen ab ≥ %1 % %2</translation>
    </message>
    <message>
        <source>(calibrated)</source>
        <translation>(kalibriert)</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#2e7d32&apos;&gt;✔ accepted and right: &lt;b&gt;%1&lt;/b&gt;&lt;/span&gt; · &lt;span style=&apos;color:#c62828&apos;&gt;✘ accepted but wrong: &lt;b&gt;%2&lt;/b&gt;&lt;/span&gt; · &lt;span style=&apos;color:#6d6d6d&apos;&gt;? not sure: &lt;b&gt;%3&lt;/b&gt;&lt;/span&gt; of %4 test images%5</source>
        <translation>&lt;span style=&apos;color:#2e7d32&apos;&gt;✔ angenommen und richtig: &lt;b&gt;%1&lt;/b&gt;&lt;/span&gt; · &lt;span style=&apos;color:#c62828&apos;&gt;✘ angenommen, aber falsch: &lt;b&gt;%2&lt;/b&gt;&lt;/span&gt; · &lt;span style=&apos;color:#6d6d6d&apos;&gt;? nicht sicher: &lt;b&gt;%3&lt;/b&gt;&lt;/span&gt; von %4 Testbildern%5</translation>
    </message>
    <message>
        <source> · %1 of the accepted are right</source>
        <translation> · %1 der angenommenen sind richtig</translation>
    </message>
    <message>
        <source>Precision and recall of %1</source>
        <translation>Präzision und Recall von %1</translation>
    </message>
</context>
<context>
    <name>tl::ui::ClassBars</name>
    <message>
        <source>Train, and the classes the camera sees show here</source>
        <translation>Trainieren Sie, dann erscheinen hier die Klassen, die die Kamera sieht</translation>
    </message>
</context>
<context>
    <name>tl::ui::CompareView</name>
    <message numerus="yes">
        <source>%n test image(s) have another label in B: both runs are scored here against B&apos;s labels.</source>
        <translation>
            <numerusform>%n Testbild hat in B ein anderes Label: beide Läufe werden hier an den Labels von B gemessen.</numerusform>
            <numerusform>%n Testbilder haben in B ein anderes Label: beide Läufe werden hier an den Labels von B gemessen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select two to six runs and click Compare.</source>
        <translation>Wählen Sie zwei bis sechs Läufe und klicken Sie auf Vergleichen.</translation>
    </message>
    <message>
        <source>Comparison table</source>
        <translation>Vergleichstabelle</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Kurven</translation>
    </message>
    <message>
        <source>&amp;A:</source>
        <translation>&amp;A:</translation>
    </message>
    <message>
        <source>&amp;B:</source>
        <translation>&amp;B:</translation>
    </message>
    <message>
        <source>Run A</source>
        <translation>Lauf A</translation>
    </message>
    <message>
        <source>Run B</source>
        <translation>Lauf B</translation>
    </message>
    <message>
        <source>Confusion difference, B minus A</source>
        <translation>Konfusionsunterschied, B minus A</translation>
    </message>
    <message>
        <source>B&apos;s confusion matrix minus A&apos;s (rows: true class, columns: predicted). &lt;span style=&apos;background:rgba(0,114,178,0.6)&apos;&gt;&amp;nbsp;blue&amp;nbsp;&lt;/span&gt; B is better there, &lt;span style=&apos;background:rgba(213,94,0,0.6)&apos;&gt;&amp;nbsp;orange&amp;nbsp;&lt;/span&gt; worse.</source>
        <translation>Konfusionsmatrix von B minus die von A (Zeilen: wahre Klasse, Spalten: vorhergesagt). &lt;span style=&apos;background:rgba(0,114,178,0.6)&apos;&gt;&amp;nbsp;Blau&amp;nbsp;&lt;/span&gt;: B ist dort besser, &lt;span style=&apos;background:rgba(213,94,0,0.6)&apos;&gt;&amp;nbsp;Orange&amp;nbsp;&lt;/span&gt;: schlechter.</translation>
    </message>
    <message>
        <source>Confusion difference</source>
        <translation>Konfusionsunterschied</translation>
    </message>
    <message>
        <source>Images that flipped</source>
        <translation>Bilder, die gekippt sind</translation>
    </message>
    <message>
        <source>Right only with B</source>
        <translation>Nur mit B richtig</translation>
    </message>
    <message>
        <source>Right only with A</source>
        <translation>Nur mit A richtig</translation>
    </message>
    <message>
        <source>Feature space of run A</source>
        <translation>Merkmalsraum von Lauf A</translation>
    </message>
    <message>
        <source>Feature space of run B</source>
        <translation>Merkmalsraum von Lauf B</translation>
    </message>
    <message>
        <source>Feature spaces</source>
        <translation>Merkmalsräume</translation>
    </message>
    <message>
        <source>The same test images placed by what each model&apos;s last layer sees (PCA): click a dot to find that image in the other map</source>
        <translation>Dieselben Testbilder, platziert nach dem, was die letzte Schicht jedes Modells sieht (PCA): Klicken Sie auf einen Punkt, um das Bild in der anderen Karte zu finden</translation>
    </message>
    <message>
        <source> train</source>
        <translation> Training</translation>
    </message>
    <message>
        <source> validation</source>
        <translation> Validierung</translation>
    </message>
    <message>
        <source>. Dashed: training; solid with dots: validation.</source>
        <translation>. Gestrichelt: Training; durchgezogen mit Punkten: Validierung.</translation>
    </message>
    <message>
        <source>Choose two different runs as A and B.</source>
        <translation>Wählen Sie zwei verschiedene Läufe als A und B.</translation>
    </message>
    <message>
        <source>The runs&apos; images are not on this computer.</source>
        <translation>Die Bilder der Läufe sind nicht auf diesem Computer.</translation>
    </message>
    <message>
        <source>Computing both models&apos; features of the same test images…</source>
        <translation>Berechne die Merkmale beider Modelle für dieselben Testbilder…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <source>%1 · PCA, %2 % of the variance</source>
        <translation>%1 · PCA, %2 % der Varianz</translation>
    </message>
    <message>
        <source>%1 test images in each model&apos;s feature space. Classes that one model keeps apart and the other mixes are what its confusion matrix shows; click a dot to find the image in both.</source>
        <translation>%1 Testbilder im Merkmalsraum jedes Modells. Klassen, die ein Modell trennt und das andere vermischt, zeigt seine Konfusionsmatrix; klicken Sie auf einen Punkt, um das Bild in beiden zu finden.</translation>
    </message>
    <message>
        <source>Right only with B, %1 (%2)</source>
        <translation>Nur mit B richtig, %1 (%2)</translation>
    </message>
    <message>
        <source>Right only with A, %1 (%2)</source>
        <translation>Nur mit A richtig, %1 (%2)</translation>
    </message>
    <message>
        <source>A %1: %2 · B %3: %4 test accuracy. B fixes %5 of A&apos;s mistakes and makes %6 new ones; both right on %7, both wrong on %8 images.</source>
        <translation>A %1: %2 · B %3: %4 Testgenauigkeit. B behebt %5 der Fehler von A und macht %6 neue; beide richtig bei %7, beide falsch bei %8 Bildern.</translation>
    </message>
</context>
<context>
    <name>tl::ui::ConfusionDeltaModel</name>
    <message>
        <source>true %1, predicted %2: %3 images %4 with B than with A (%5)</source>
        <translation>wahr %1, vorhergesagt %2: %3 Bilder %4 mit B als mit A (%5)</translation>
    </message>
    <message>
        <source>more</source>
        <translation>mehr</translation>
    </message>
    <message>
        <source>fewer</source>
        <translation>weniger</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>keine Änderung</translation>
    </message>
    <message>
        <source>better</source>
        <translation>besser</translation>
    </message>
    <message>
        <source>worse</source>
        <translation>schlechter</translation>
    </message>
</context>
<context>
    <name>tl::ui::ConfusionModel</name>
    <message>
        <source>true %1, predicted %2: %3 images (%4% of the class)
Click to see them.</source>
        <translation>wahr %1, vorhergesagt %2: %3 Bilder (%4% der Klasse)
Klicken, um sie zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>true %1, predicted %2: %n image(s)</source>
        <translation>
            <numerusform>wahr %1, vorhergesagt %2: %n Bild</numerusform>
            <numerusform>wahr %1, vorhergesagt %2: %n Bilder</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 % of the class %2. Press Enter to see the images.</source>
        <translation>%1 % der Klasse %2. Enter zeigt die Bilder.</translation>
    </message>
    <message>
        <source>true class: %1</source>
        <translation>wahre Klasse: %1</translation>
    </message>
    <message>
        <source>predicted: %1</source>
        <translation>vorhergesagt: %1</translation>
    </message>
</context>
<context>
    <name>tl::ui::DataHealthPanel</name>
    <message>
        <source>Retrain with class weights</source>
        <translation>Mit Klassengewichten neu trainieren</translation>
    </message>
    <message>
        <source>Queues this run again with Class weights balanced in every stage, beside it: each class then counts as much as the others in the training loss (--class-weights balanced). Runs → Compare shows the two when it has finished.</source>
        <translation>Reiht diesen Lauf erneut ein, mit ausgeglichenen Klassengewichten in jeder Stufe, neben ihm: Jede Klasse zählt dann im Trainingsverlust so viel wie die anderen (--class-weights balanced). Läufe → Vergleichen zeigt die beiden, wenn er fertig ist.</translation>
    </message>
    <message>
        <source>Check data &amp;health</source>
        <translation>Daten&amp;gesundheit prüfen</translation>
    </message>
    <message>
        <source>Look at every image of the data: duplicates and test images leaked from training, outliers, very dark, very bright and blurry images, class imbalance</source>
        <translation>Jedes Bild der Daten ansehen: Duplikate und aus dem Training durchgesickerte Testbilder, Ausreißer, sehr dunkle, sehr helle und unscharfe Bilder, Klassenungleichgewicht</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Data health progress</source>
        <translation>Fortschritt der Datenprüfung</translation>
    </message>
    <message>
        <source>Map the test set first: the health check uses the run&apos;s data and its features.</source>
        <translation>Kartieren Sie zuerst die Testdaten: Die Prüfung verwendet die Daten des Laufs und ihre Merkmale.</translation>
    </message>
    <message>
        <source>Data health list</source>
        <translation>Liste der Datenprüfung</translation>
    </message>
    <message>
        <source>Which images to show below</source>
        <translation>Welche Bilder unten gezeigt werden</translation>
    </message>
    <message>
        <source>Data health images</source>
        <translation>Bilder der Datenprüfung</translation>
    </message>
    <message>
        <source>The images of the list chosen above</source>
        <translation>Die Bilder der oben gewählten Liste</translation>
    </message>
    <message>
        <source>Press Check data health to look at every image of the data.</source>
        <translation>Drücken Sie Datengesundheit prüfen, um jedes Bild der Daten anzusehen.</translation>
    </message>
    <message>
        <source>Looking at every image…</source>
        <translation>Sehe mir jedes Bild an…</translation>
    </message>
    <message>
        <source>The health check failed: %1</source>
        <translation>Die Datenprüfung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
    <message numerus="yes">
        <source>Leakage: %n group(s)</source>
        <translation>
            <numerusform>Durchsickern: %n Gruppe</numerusform>
            <numerusform>Durchsickern: %n Gruppen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicates: %n group(s)</source>
        <translation>
            <numerusform>Duplikate: %n Gruppe</numerusform>
            <numerusform>Duplikate: %n Gruppen</numerusform>
        </translation>
    </message>
    <message>
        <source>Outliers: %1</source>
        <translation>Ausreißer: %1</translation>
    </message>
    <message>
        <source>Very dark: %1</source>
        <translation>Sehr dunkel: %1</translation>
    </message>
    <message>
        <source>Very bright: %1</source>
        <translation>Sehr hell: %1</translation>
    </message>
    <message>
        <source>Blurry: %1</source>
        <translation>Unscharf: %1</translation>
    </message>
    <message>
        <source>Training images per class: %1 (most / fewest %2).</source>
        <translation>Trainingsbilder je Klasse: %1 (meiste / wenigste %2).</translation>
    </message>
    <message>
        <source>#%1 %2 %3
%4%5</source>
        <translation>Nr. %1 %2 %3
%4%5</translation>
    </message>
    <message>
        <source> (near)</source>
        <translation> (ähnlich)</translation>
    </message>
    <message>
        <source>%1 %2
%3 · %4</source>
        <translation>%1 %2
%3 · %4</translation>
    </message>
    <message>
        <source>Data health summary</source>
        <translation>Zusammenfassung der Datenprüfung</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Leakage: %n test or validation image(s) repeat training images&lt;/b&gt;, which the score counts as new.&lt;br&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;Durchsickern: %n Test- oder Validierungsbild wiederholt Trainingsbilder&lt;/b&gt;, das die Bewertung als neu zählt.&lt;br&gt;</numerusform>
            <numerusform>&lt;b&gt;Durchsickern: %n Test- oder Validierungsbilder wiederholen Trainingsbilder&lt;/b&gt;, die die Bewertung als neu zählt.&lt;br&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 images looked at in %2 s: %3 in duplicate groups, %4 outliers, %5 very dark, %6 very bright, %7 blurry.</source>
        <translation>%1 Bilder in %2 s angesehen: %3 in Duplikatgruppen, %4 Ausreißer, %5 sehr dunkel, %6 sehr hell, %7 unscharf.</translation>
    </message>
    <message>
        <source>Weight the classes in the next run</source>
        <translation>Klassen im nächsten Lauf gewichten</translation>
    </message>
    <message>
        <source>Sets Class weights to balanced for every stage in the Training tab: each class then counts as much as the others in the training loss (--class-weights balanced)</source>
        <translation>Setzt die Klassengewichte im Reiter Training für jede Stufe auf ausgeglichen: Jede Klasse zählt dann im Trainingsverlust so viel wie die anderen (--class-weights balanced)</translation>
    </message>
    <message>
        <source>Leave &amp;out</source>
        <translation>&amp;Auslassen</translation>
    </message>
    <message>
        <source>Add the selected images to the pending label fixes as left out (Labels tab): applied, their files are set aside, or an override file leaves them out of the next run</source>
        <translation>Die ausgewählten Bilder als weggelassen zu den ausstehenden Label-Korrekturen hinzufügen (Tab Labels): angewendet werden ihre Dateien beiseitegelegt, oder eine Override-Datei lässt sie im nächsten Lauf weg</translation>
    </message>
    <message>
        <source>The check starts when this tab is shown (Check data health checks again).</source>
        <translation>Die Prüfung beginnt, sobald dieser Tab gezeigt wird (Datenqualität prüfen prüft erneut).</translation>
    </message>
    <message>
        <source>Training and validation images per class: %1 (most / fewest %2).</source>
        <translation>Trainings- und Validierungsbilder pro Klasse: %1 (meiste / wenigste %2).</translation>
    </message>
    <message>
        <source>#%1 %2%3
%4 %5</source>
        <translation>#%1 %2%3
%4 %5</translation>
    </message>
</context>
<context>
    <name>tl::ui::DataPanel</name>
    <message>
        <source>Fashion-MNIST is installed locally; the others download once into the cache.</source>
        <translation>Fashion-MNIST ist lokal installiert; die anderen werden einmal in den Cache heruntergeladen.</translation>
    </message>
    <message>
        <source>default location</source>
        <translation>Standardort</translation>
    </message>
    <message>
        <source>Dataset folder</source>
        <translation>Datensatzordner</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Browse for the dataset folder</source>
        <translation>Nach dem Datensatzordner suchen</translation>
    </message>
    <message>
        <source>Stratified, seeded subset of the training set (the notebooks use 10 %).</source>
        <translation>Geschichtete Teilmenge der Trainingsdaten mit festem Seed (die Notebooks verwenden 10 %).</translation>
    </message>
    <message>
        <source>Held out from the training set for validation, as Keras&apos; validation_split.</source>
        <translation>Für die Validierung aus den Trainingsdaten zurückgehalten, wie Keras&apos; validation_split.</translation>
    </message>
    <message>
        <source>Train on some classes only (at least two). The model sees them as classes 0, 1, ... and every chart keeps their names. Transfer learning: pretrain on some classes, then learn the others from a few images.</source>
        <translation>Nur auf einigen Klassen trainieren (mindestens zwei). Das Modell sieht sie als Klassen 0, 1, ... und jedes Diagramm behält ihre Namen. Transfer-Learning: auf einigen Klassen vortrainieren, dann die anderen aus wenigen Bildern lernen.</translation>
    </message>
    <message>
        <source>Classes to train on</source>
        <translation>Klassen für das Training</translation>
    </message>
    <message>
        <source>Space ticks or unticks the current class.</source>
        <translation>Die Leertaste hakt die aktuelle Klasse an oder ab.</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Few-shot: exactly this many training images of each class (drawn with the experiment&apos;s seed); &quot;all&quot; uses every image.</source>
        <translation>Few-Shot: genau so viele Trainingsbilder je Klasse (mit dem Seed des Experiments gezogen); „alle“ verwendet jedes Bild.</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>&amp;Dataset:</source>
        <translation>&amp;Datensatz:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>&amp;Training images used:</source>
        <translation>Verwendete &amp;Trainingsdaten:</translation>
    </message>
    <message>
        <source>&amp;Validation split:</source>
        <translation>&amp;Validierungsanteil:</translation>
    </message>
    <message>
        <source>Test images used:</source>
        <translation>Verwendete Testdaten:</translation>
    </message>
    <message>
        <source>C&amp;lasses:</source>
        <translation>K&amp;lassen:</translation>
    </message>
    <message>
        <source>&amp;Images per class:</source>
        <translation>&amp;Bilder je Klasse:</translation>
    </message>
    <message>
        <source>Use them again</source>
        <translation>Wieder verwenden</translation>
    </message>
    <message>
        <source>Train on every image again</source>
        <translation>Wieder auf jedem Bild trainieren</translation>
    </message>
    <message>
        <source>Flip left-right</source>
        <translation>Links-rechts spiegeln</translation>
    </message>
    <message>
        <source>Flip upside down</source>
        <translation>Auf den Kopf stellen</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>AutoAugment (CIFAR-10 policy)</source>
        <translation>AutoAugment (CIFAR-10-Strategie)</translation>
    </message>
    <message>
        <source>Augmentation (training images only)</source>
        <translation>Datenaugmentierung (nur Trainingsbilder)</translation>
    </message>
    <message>
        <source>&amp;Rotation up to:</source>
        <translation>D&amp;rehung bis:</translation>
    </message>
    <message>
        <source>&amp;Zoom ±:</source>
        <translation>&amp;Zoom ±:</translation>
    </message>
    <message>
        <source>&amp;Shift ± (fraction):</source>
        <translation>Vers&amp;chiebung ± (Anteil):</translation>
    </message>
    <message>
        <source>&amp;Brightness ±:</source>
        <translation>&amp;Helligkeit ±:</translation>
    </message>
    <message>
        <source>&amp;Contrast ±:</source>
        <translation>&amp;Kontrast ±:</translation>
    </message>
    <message>
        <source>C&amp;utout square:</source>
        <translation>C&amp;utout-Quadrat:</translation>
    </message>
    <message>
        <source>Training images per class</source>
        <translation>Trainingsbilder je Klasse</translation>
    </message>
    <message>
        <source>No data loaded.</source>
        <translation>Keine Daten geladen.</translation>
    </message>
    <message>
        <source>Samples: as stored, and as the network sees them</source>
        <translation>Beispiele: wie gespeichert und wie das Netz sie sieht</translation>
    </message>
    <message>
        <source>original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>augmented</source>
        <translation>augmentiert</translation>
    </message>
    <message>
        <source>&amp;New samples</source>
        <translation>&amp;Neue Beispiele</translation>
    </message>
    <message>
        <source>Augment &amp;again</source>
        <translation>Noch &amp;einmal augmentieren</translation>
    </message>
    <message>
        <source>Choose at least two classes.</source>
        <translation>Wählen Sie mindestens zwei Klassen.</translation>
    </message>
    <message>
        <source>Dataset CSV file</source>
        <translation>CSV-Datei des Datensatzes</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>
… and %1 more</source>
        <translation>
… und %1 weitere</translation>
    </message>
    <message numerus="yes">
        <source>Left out: %n training image(s) marked in Results → Feature space</source>
        <translation>
            <numerusform>Ausgelassen: %n Trainingsbild, markiert unter Ergebnisse → Merkmalsraum</numerusform>
            <numerusform>Ausgelassen: %n Trainingsbilder, markiert unter Ergebnisse → Merkmalsraum</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the folder of images with Browse… (one sub-folder per class).</source>
        <translation>Wählen Sie den Bilderordner mit Durchsuchen… (ein Unterordner je Klasse).</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Lade %1…</translation>
    </message>
    <message>
        <source>%1 is not on this computer yet: download it once (it is cached), or choose the folder that holds it.</source>
        <translation>%1 ist noch nicht auf diesem Computer: Laden Sie es einmal herunter (es wird zwischengespeichert) oder wählen Sie den Ordner, der es enthält.</translation>
    </message>
    <message>
        <source>Only %1 training images: &quot;Training images used&quot; is %2 %. Set it to 100 % for a small folder.</source>
        <translation>Nur %1 Trainingsbilder: „Verwendete Trainingsdaten“ steht auf %2 %. Stellen Sie es für einen kleinen Ordner auf 100 %.</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>Lade %1 herunter…</translation>
    </message>
    <message>
        <source>%1 could not be downloaded: this computer is not connected to the internet. Copy the dataset&apos;s files onto it and choose their folder with Browse…, or try again when it is online.</source>
        <translation>%1 konnte nicht heruntergeladen werden: Dieser Computer ist nicht mit dem Internet verbunden. Kopieren Sie die Dateien des Datensatzes auf ihn und wählen Sie ihren Ordner mit Durchsuchen…, oder versuchen Sie es erneut, wenn er online ist.</translation>
    </message>
    <message>
        <source>%1 could not be downloaded. Try again, or choose a folder that holds it with Browse… (details in the tooltip).</source>
        <translation>%1 konnte nicht heruntergeladen werden. Versuchen Sie es erneut oder wählen Sie mit Durchsuchen… einen Ordner, der es enthält (Details im Tooltip).</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>%1×%2×%3 as the network receives it (shown de-normalised)</source>
        <translation>%1×%2×%3, wie das Netz es erhält (de-normalisiert angezeigt)</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Memory for decoded images of a folder or CSV dataset. Photos are read from disk while the model trains; those that fit here are kept for the next epoch, the others are decoded again, so memory stays flat however many photos there are. A frozen backbone&apos;s features share it; beyond it they go to the run folder.</source>
        <translation>Speicher für dekodierte Bilder eines Ordner- oder CSV-Datensatzes. Fotos werden während des Trainings von der Festplatte gelesen; die, die hier hineinpassen, werden für die nächste Epoche behalten, die anderen erneut dekodiert, sodass der Speicherbedarf gleich bleibt, wie viele Fotos es auch sind. Die Merkmale eines eingefrorenen Backbones teilen ihn sich; darüber hinaus kommen sie in den Laufordner.</translation>
    </message>
    <message>
        <source>Image cac&amp;he:</source>
        <translation>Bild-Ca&amp;che:</translation>
    </message>
    <message>
        <source>%L1 training, %L2 validation, %L3 test images of %4×%5 pixels, %6 classes</source>
        <translation>%L1 Trainings-, %L2 Validierungs-, %L3 Testbilder mit %4×%5 Pixeln, %6 Klassen</translation>
    </message>
</context>
<context>
    <name>tl::ui::DrawPad</name>
    <message>
        <source>Draw with the mouse: a shoe, a bag, a shirt… The model answers after each stroke.</source>
        <translation>Zeichnen Sie mit der Maus: einen Schuh, eine Tasche, ein Hemd… Das Modell antwortet nach jedem Strich.</translation>
    </message>
    <message>
        <source>Drawing pad</source>
        <translation>Zeichenfläche</translation>
    </message>
    <message>
        <source>Empty. Draw with the mouse or a pen.</source>
        <translation>Leer. Zeichnen Sie mit der Maus oder einem Stift.</translation>
    </message>
    <message>
        <source>A drawing: the model&apos;s answer is beside the pad.</source>
        <translation>Eine Zeichnung: Die Antwort des Modells steht neben der Fläche.</translation>
    </message>
    <message>
        <source>Draw here</source>
        <translation>Hier zeichnen</translation>
    </message>
</context>
<context>
    <name>tl::ui::EmbeddingView</name>
    <message>
        <source>Each dot is a test image, coloured by its true class; a dark ring: the model gets it wrong. Click a dot to see the image; drag around dots to list them (hold Shift for a rectangle).</source>
        <translation>Jeder Punkt ist ein Testbild, gefärbt nach seiner wahren Klasse; ein dunkler Ring: Das Modell liegt falsch. Klicken Sie auf einen Punkt, um das Bild zu sehen; ziehen Sie um Punkte, um sie aufzulisten (mit Umschalt für ein Rechteck).</translation>
    </message>
    <message>
        <source>%1: %2, %3 wrong</source>
        <translation>%1: %2, %3 falsch</translation>
    </message>
    <message>
        <source>%1 images, %2 of them wrong. %3</source>
        <translation>%1 Bilder, davon %2 falsch. %3</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>falsch</translation>
    </message>
    <message>
        <source>No map yet.</source>
        <translation>Noch keine Karte.</translation>
    </message>
    <message>
        <source>%1 → said %2</source>
        <translation>%1 → als %2 erkannt</translation>
    </message>
</context>
<context>
    <name>tl::ui::FeatureMapGrid</name>
    <message>
        <source>Feature maps</source>
        <translation>Merkmalskarten</translation>
    </message>
    <message>
        <source>Pick an image and a layer to see its feature maps.</source>
        <translation>Wählen Sie ein Bild und eine Schicht, um ihre Merkmalskarten zu sehen.</translation>
    </message>
    <message>
        <source>channel %1 (mean %2)</source>
        <translation>Kanal %1 (Mittelwert %2)</translation>
    </message>
    <message>
        <source>%1: %2 feature maps of %3 by %4 pixels. Strongest: %5.</source>
        <translation>%1: %2 Merkmalskarten zu %3 mal %4 Pixeln. Am stärksten: %5.</translation>
    </message>
    <message>
        <source>%1, channel %2 (mean %3) · click to go back</source>
        <translation>%1, Kanal %2 (Mittelwert %3) · klicken, um zurückzukehren</translation>
    </message>
    <message>
        <source>%1: %2 channels of %3x%4, strongest first%5 · click one to enlarge</source>
        <translation>%1: %2 Kanäle zu %3x%4, die stärksten zuerst%5 · einen anklicken zum Vergrößern</translation>
    </message>
    <message>
        <source> (the first %1)</source>
        <translation> (die ersten %1)</translation>
    </message>
    <message>
        <source>Its %1 filters (grey: 0, lighter: positive weights)</source>
        <translation>Seine %1 Filter (grau: 0, heller: positive Gewichte)</translation>
    </message>
</context>
<context>
    <name>tl::ui::FieldNote</name>
    <message>
        <source>Accepts %1.</source>
        <translation>Erlaubt %1.</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>%1 accepts %2: &quot;%3&quot; was not taken, it stays %4.</source>
        <translation>%1 erlaubt %2: „%3“ wurde nicht übernommen, es bleibt %4.</translation>
    </message>
</context>
<context>
    <name>tl::ui::FlippedModel</name>
    <message>
        <source>%1
%2: %3
%4: %5</source>
        <translation>%1
%2: %3
%4: %5</translation>
    </message>
    <message>
        <source>Test image %1, a %2. %3 says %4 (%5 %), %6 says %7 (%8 %).</source>
        <translation>Testbild %1, ein(e) %2. %3 sagt %4 (%5 %), %6 sagt %7 (%8 %).</translation>
    </message>
</context>
<context>
    <name>tl::ui::FoldRunsBar</name>
    <message numerus="yes">
        <source>%n run(s) left of %1 epochs each: about %2, one after another (at this run&apos;s own speed); the finished ones are kept.</source>
        <translation>
            <numerusform>%n Lauf übrig mit je %1 Epochen: etwa %2, nacheinander (beim Tempo dieses Laufs); die fertigen bleiben erhalten.</numerusform>
            <numerusform>%n Läufe übrig mit je %1 Epochen: etwa %2, nacheinander (beim Tempo dieses Laufs); die fertigen bleiben erhalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Partly in sample: the backbone learnt these labels too.</source>
        <translation>Teils innerhalb der Stichprobe: Das Backbone hat diese Labels mitgelernt.</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>Cannot plan the fold runs: %1</source>
        <translation>Die Fold-Läufe lassen sich nicht planen: %1</translation>
    </message>
    <message>
        <source>Scoring every image with the %1 fold runs: %2 %…</source>
        <translation>Jedes Bild wird mit den %1 Fold-Läufen bewertet: %2 %…</translation>
    </message>
    <message>
        <source>Continue the %1 short runs…</source>
        <translation>Die %1 kurzen Läufe fortsetzen…</translation>
    </message>
    <message>
        <source>Score with %1 short runs…</source>
        <translation>Mit %1 kurzen Läufen bewerten…</translation>
    </message>
    <message>
        <source>These scores are partly in sample: the backbone trained on these labels, so its features have seen them.</source>
        <translation>Diese Bewertungen sind teils innerhalb der Stichprobe: Das Backbone wurde mit diesen Labels trainiert, seine Merkmale haben sie also gesehen.</translation>
    </message>
    <message>
        <source>The %1 fold runs are in the Queue tab: %2 finished, %3 to go.</source>
        <translation>Die %1 Fold-Läufe stehen im Reiter Warteschlange: %2 fertig, %3 ausstehend.</translation>
    </message>
    <message>
        <source>The fold runs could not be scored: %1</source>
        <translation>Die Fold-Läufe konnten nicht ausgewertet werden: %1</translation>
    </message>
    <message>
        <source>Partly in sample; %1 of the %2 fold runs finished earlier.</source>
        <translation>Teils innerhalb der Stichprobe; %1 der %2 Fold-Läufe sind bereits fertig.</translation>
    </message>
    <message>
        <source>%1 short runs of the experiment, each leaving a fold out, score every image by a model that never trained on it.</source>
        <translation>%1 kurze Läufe des Experiments, die jeweils einen Fold auslassen, bewerten jedes Bild mit einem Modell, das nie damit trainiert hat.</translation>
    </message>
    <message>
        <source>Queue %1 runs of this experiment in the Queue tab, each trained without one fold of the training images; finished ones are kept when they are queued again.</source>
        <translation>%1 Läufe dieses Experiments in die Warteschlange stellen, jeder ohne einen Fold der Trainingsbilder trainiert; fertige bleiben erhalten, wenn sie erneut eingereiht werden.</translation>
    </message>
    <message>
        <source>Score with %1 short runs</source>
        <translation>Mit %1 kurzen Läufen bewerten</translation>
    </message>
    <message>
        <source>%1 runs of this experiment, each trained on %2 % of its training images and scoring the other %3 %, so that every image is scored by a model that never saw its label. They run in the Queue tab; Cancel there stops them, and queued again they continue where they stopped.</source>
        <translation>%1 Läufe dieses Experiments, jeder mit %2 % der Trainingsbilder trainiert und die übrigen %3 % bewertend, sodass jedes Bild von einem Modell bewertet wird, das sein Label nie gesehen hat. Sie laufen im Reiter Warteschlange; Abbrechen hält sie dort an, und erneut eingereiht machen sie dort weiter, wo sie aufgehört haben.</translation>
    </message>
    <message>
        <source>Epochs per run</source>
        <translation>Epochen pro Lauf</translation>
    </message>
    <message>
        <source>%1 runs of %2 epochs each; this run&apos;s summary gives no times to estimate from.</source>
        <translation>%1 Läufe mit je %2 Epochen; die Zusammenfassung dieses Laufs enthält keine Zeiten für eine Schätzung.</translation>
    </message>
    <message>
        <source>%1 runs of %2 epochs each: about %3 in all, one after another (about %4 each, at this run&apos;s own speed).</source>
        <translation>%1 Läufe mit je %2 Epochen: insgesamt etwa %3, nacheinander (je etwa %4, beim Tempo dieses Laufs).</translation>
    </message>
    <message>
        <source>Queue %1 runs</source>
        <translation>%1 Läufe einreihen</translation>
    </message>
    <message>
        <source>Epochs per run:</source>
        <translation>Epochen pro Lauf:</translation>
    </message>
    <message>
        <source>Cannot queue the fold runs: %1</source>
        <translation>Die Fold-Läufe lassen sich nicht einreihen: %1</translation>
    </message>
    <message>
        <source>label check %1/%2 · %3</source>
        <translation>Label-Prüfung %1/%2 · %3</translation>
    </message>
</context>
<context>
    <name>tl::ui::GalleryModel</name>
    <message>
        <source>
fix pending: %1</source>
        <translation>
Korrektur ausstehend: %1</translation>
    </message>
    <message>
        <source>%1 · %2%</source>
        <translation>%1 · %2%</translation>
    </message>
    <message>
        <source>%1 · true %2%</source>
        <translation>%1 · wahr %2%</translation>
    </message>
    <message>
        <source>test image %1
true: %2 (%6% sure)
predicted: %3 (%4%)
loss %5</source>
        <translation>Testbild %1
wahr: %2 (%6% sicher)
vorhergesagt: %3 (%4%)
Verlust %5</translation>
    </message>
    <message>
        <source>image %1: true %2, predicted %3, %4 % sure</source>
        <translation>Bild %1: wahr %2, vorhergesagt %3, %4 % sicher</translation>
    </message>
</context>
<context>
    <name>tl::ui::InspectPanel</name>
    <message>
        <source>Test images</source>
        <translation>Testbilder</translation>
    </message>
    <message>
        <source>%1 test images, least likely label first</source>
        <translation>%1 Testbilder, unwahrscheinlichstes Label zuerst</translation>
    </message>
    <message>
        <source>The model never trained on the test images, so its doubt about a label is honest. A wrong test label makes the test accuracy lie: fix it here (a label-override file keeps the test images) before comparing runs.</source>
        <translation>Das Modell hat nie mit den Testbildern trainiert, also ist sein Zweifel an einem Label ehrlich. Ein falsches Test-Label lässt die Testgenauigkeit lügen: Korrigieren Sie es hier (eine Label-Override-Datei behält die Testbilder), bevor Sie Läufe vergleichen.</translation>
    </message>
    <message>
        <source>Out of sample (%1 runs)</source>
        <translation>Außerhalb der Stichprobe (%1 Läufe)</translation>
    </message>
    <message>
        <source>Each image scored by a run of the experiment that never trained on it (out of sample, %1 runs): %2</source>
        <translation>Jedes Bild von einem Lauf des Experiments bewertet, der nie damit trainiert hat (außerhalb der Stichprobe, %1 Läufe): %2</translation>
    </message>
    <message>
        <source>Open or train a run to look inside its network.</source>
        <translation>Öffnen oder trainieren Sie einen Lauf, um in sein Netz zu schauen.</translation>
    </message>
    <message>
        <source>&amp;Map the test set</source>
        <translation>Testdaten &amp;kartieren</translation>
    </message>
    <message>
        <source>Compute the network&apos;s features for every image (kept in the run folder) and map the test set with PCA</source>
        <translation>Die Merkmale des Netzes für jedes Bild berechnen (im Laufordner gespeichert) und die Testdaten mit PCA kartieren</translation>
    </message>
    <message>
        <source>t-&amp;SNE map</source>
        <translation>t-&amp;SNE-Karte</translation>
    </message>
    <message>
        <source>A map that keeps neighbours together (t-SNE): clusters show better than in PCA; about a minute for 10,000 images</source>
        <translation>Eine Karte, die Nachbarn zusammenhält (t-SNE): Cluster zeigen sich besser als bei PCA; etwa eine Minute für 10.000 Bilder</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Map of the test set</source>
        <translation>Karte der Testdaten</translation>
    </message>
    <message>
        <source>Press &quot;Map the test set&quot;: each test image becomes a dot, placed by what the network&apos;s last layer sees.</source>
        <translation>Drücken Sie „Testdaten kartieren“: Jedes Testbild wird ein Punkt, platziert nach dem, was die letzte Schicht des Netzes sieht.</translation>
    </message>
    <message>
        <source>Click a dot (or an image below) to see it here.</source>
        <translation>Klicken Sie auf einen Punkt (oder ein Bild unten), um es hier zu sehen.</translation>
    </message>
    <message>
        <source>Grad-&amp;CAM…</source>
        <translation>Grad-&amp;CAM…</translation>
    </message>
    <message>
        <source>Where the model looks in this image (opens it in Predict)</source>
        <translation>Wohin das Modell in diesem Bild schaut (öffnet es in Vorhersage)</translation>
    </message>
    <message>
        <source>Images selected on the map</source>
        <translation>Auf der Karte ausgewählte Bilder</translation>
    </message>
    <message>
        <source>Nearest training images</source>
        <translation>Nächste Trainingsbilder</translation>
    </message>
    <message>
        <source>Suspicious labels</source>
        <translation>Verdächtige Labels</translation>
    </message>
    <message>
        <source>Images whose label the model doubts; select them to mark them.</source>
        <translation>Bilder, deren Label das Modell bezweifelt; wählen Sie sie aus, um sie zu markieren.</translation>
    </message>
    <message>
        <source>The training images nearest to the image above, in the network&apos;s feature space (cosine distance).</source>
        <translation>Die Trainingsbilder, die dem Bild oben im Merkmalsraum des Netzes am nächsten sind (Kosinusabstand).</translation>
    </message>
    <message>
        <source>&amp;Ambiguous</source>
        <translation>&amp;Mehrdeutig</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>&amp;Export list…</source>
        <translation>Liste &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export marked images</source>
        <translation>Markierte Bilder exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <source>The test set&apos;s map, the nearest training images and the suspicious labels come from the network&apos;s last layer.</source>
        <translation>Die Karte der Testdaten, die nächsten Trainingsbilder und die verdächtigen Labels stammen aus der letzten Schicht des Netzes.</translation>
    </message>
    <message>
        <source>This run&apos;s images could not be loaded (its dataset is missing here): nothing to map.</source>
        <translation>Die Bilder dieses Laufs konnten nicht geladen werden (sein Datensatz fehlt hier): nichts zu kartieren.</translation>
    </message>
    <message>
        <source>Could not look inside this run: %1</source>
        <translation>Konnte nicht in diesen Lauf schauen: %1</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <source>PCA, %1 % of the variance</source>
        <translation>PCA, %1 % der Varianz</translation>
    </message>
    <message>
        <source>t-SNE: near dots are near in feature space</source>
        <translation>t-SNE: nahe Punkte sind im Merkmalsraum nahe</translation>
    </message>
    <message>
        <source>%1 test images · %2</source>
        <translation>%1 Testbilder · %2</translation>
    </message>
    <message>
        <source>%1 features per image (the input of layer %2) for %3 training and %4 test images, %5 in %6 s; map in %7 s.%8</source>
        <translation>%1 Merkmale je Bild (die Eingabe der Schicht %2) für %3 Trainings- und %4 Testbilder, %5 in %6 s; Karte in %7 s.%8</translation>
    </message>
    <message>
        <source>read from %1</source>
        <translation>gelesen aus %1</translation>
    </message>
    <message>
        <source>computed</source>
        <translation>berechnet</translation>
    </message>
    <message>
        <source>Of the %1 validation images (not trained on), the least likely labels first.</source>
        <translation>Von den %1 Validierungsbildern (nicht darauf trainiert) die unwahrscheinlichsten Labels zuerst.</translation>
    </message>
    <message>
        <source>Of the %1 training images, the least likely labels first (&lt;i&gt;in sample&lt;/i&gt;).</source>
        <translation>Von den %1 Trainingsbildern die unwahrscheinlichsten Labels zuerst (&lt;i&gt;in der Stichprobe&lt;/i&gt;).</translation>
    </message>
    <message>
        <source>The model did not train on these images, so its doubt about a label is honest. Select images, mark them, export the list or leave them out of the next run.</source>
        <translation>Das Modell hat nicht auf diesen Bildern trainiert, daher ist sein Zweifel an einem Label ehrlich. Wählen Sie Bilder aus, markieren Sie sie, exportieren Sie die Liste oder lassen Sie sie beim nächsten Lauf aus.</translation>
    </message>
    <message>
        <source>The model trained on these images, so it doubts a wrong label less than it should. A run with a validation split gives a fairer list.</source>
        <translation>Das Modell hat auf diesen Bildern trainiert, daher bezweifelt es ein falsches Label weniger, als es sollte. Ein Lauf mit Validierungsanteil liefert eine fairere Liste.</translation>
    </message>
    <message>
        <source>%1 → %2
%3 %</source>
        <translation>%1 → %2
%3 %</translation>
    </message>
    <message>
        <source>%1 image %2: labelled %3; the model says %4 and gives %3 %5 %%6</source>
        <translation>%1 Bild %2: beschriftet als %3; das Modell sagt %4 und gibt %3 %5 %%6</translation>
    </message>
    <message>
        <source> (likely wrong)</source>
        <translation> (wahrscheinlich falsch)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 image %2&lt;/b&gt; · labelled &lt;b&gt;%3&lt;/b&gt;&lt;br&gt;</source>
        <translation>&lt;b&gt;%1 Bild %2&lt;/b&gt; · beschriftet als &lt;b&gt;%3&lt;/b&gt;&lt;br&gt;</translation>
    </message>
    <message>
        <source>%1 %2 %</source>
        <translation>%1 %2 %</translation>
    </message>
    <message>
        <source>%1
d %2</source>
        <translation>%1
d %2</translation>
    </message>
    <message>
        <source>training image %1, labelled %2; cosine distance %3</source>
        <translation>Trainingsbild %1, beschriftet als %2; Kosinusabstand %3</translation>
    </message>
    <message>
        <source>The %1 training images nearest to %2 image %3 in the network&apos;s feature space (found in %4 ms among %5).%6</source>
        <translation>Die %1 Trainingsbilder, die %2 Bild %3 im Merkmalsraum des Netzes am nächsten sind (gefunden in %4 ms unter %5).%6</translation>
    </message>
    <message>
        <source> It called this %1 a %2: these are what it had seen.</source>
        <translation> Es hat dieses %1 für ein(e) %2 gehalten: Das hatte es gesehen.</translation>
    </message>
    <message>
        <source>Data health</source>
        <translation>Datengesundheit</translation>
    </message>
    <message>
        <source>Suspicious label scores</source>
        <translation>Bewertung verdächtiger Labels</translation>
    </message>
    <message>
        <source>Out of sample: each image scored by a head that never saw its label. In sample: the trained model&apos;s own probabilities (quick, but it doubts a wrong label it has learnt less than it should). Test images: the model never trained on them, and a wrong test label makes the test accuracy lie.</source>
        <translation>Außerhalb der Stichprobe: Jedes Bild wird von einem Kopf bewertet, der sein Label nie gesehen hat. In der Stichprobe: die eigenen Wahrscheinlichkeiten des trainierten Modells (schnell, aber es bezweifelt ein gelerntes falsches Label weniger, als es sollte). Testbilder: Das Modell hat nie mit ihnen trainiert, und ein falsches Test-Label lässt die Testgenauigkeit lügen.</translation>
    </message>
    <message>
        <source>&amp;Suggested class</source>
        <translation>&amp;Vorgeschlagene Klasse</translation>
    </message>
    <message>
        <source>&amp;Relabel as</source>
        <translation>&amp;Neu beschriften als</translation>
    </message>
    <message>
        <source>Leave &amp;out</source>
        <translation>&amp;Auslassen</translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation>&amp;Liste</translation>
    </message>
    <message>
        <source>The selected images&apos; label is wrong: relabel them as the class the model suggests</source>
        <translation>Das Label der ausgewählten Bilder ist falsch: Beschriften Sie sie neu als die Klasse, die das Modell vorschlägt</translation>
    </message>
    <message>
        <source>Relabel the selected images as a class you choose</source>
        <translation>Die ausgewählten Bilder als eine Klasse Ihrer Wahl neu beschriften</translation>
    </message>
    <message>
        <source>Mark the selected images: no single label fits (set aside)</source>
        <translation>Die ausgewählten Bilder markieren: Kein einzelnes Label passt (beiseitelegen)</translation>
    </message>
    <message>
        <source>Leave the selected images out of the data (set aside)</source>
        <translation>Die ausgewählten Bilder aus den Daten nehmen (beiseitelegen)</translation>
    </message>
    <message>
        <source>Take the selected images&apos; marks back</source>
        <translation>Die Markierungen der ausgewählten Bilder zurücknehmen</translation>
    </message>
    <message>
        <source>Export the marked images as a fix list, or leave them out of the next run only</source>
        <translation>Die markierten Bilder als Korrekturliste exportieren oder sie nur beim nächsten Lauf auslassen</translation>
    </message>
    <message>
        <source>Clear the selected images&apos; marks, export the marked images as a fix list, or leave them out of the next run only</source>
        <translation>Die Markierungen der ausgewählten Bilder entfernen, die markierten Bilder als Korrekturliste exportieren oder sie nur beim nächsten Lauf auslassen</translation>
    </message>
    <message>
        <source>&amp;Clear the selected images&apos; marks</source>
        <translation>Mar&amp;kierungen der ausgewählten Bilder entfernen</translation>
    </message>
    <message>
        <source>Mark some images first (select them, then Suggested class, Relabel as, Ambiguous or Leave out).</source>
        <translation>Markieren Sie zuerst einige Bilder (auswählen, dann Vorgeschlagene Klasse, Neu beschriften als, Mehrdeutig oder Auslassen).</translation>
    </message>
    <message>
        <source>Leave out of the &amp;next run only</source>
        <translation>Nur beim &amp;nächsten Lauf auslassen</translation>
    </message>
    <message>
        <source>Mark some images first.</source>
        <translation>Markieren Sie zuerst einige Bilder.</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>%1 image %2: %3 %4</source>
        <translation>%1 Bild %2: %3 %4</translation>
    </message>
    <message>
        <source>Nearest images</source>
        <translation>Nächste Bilder</translation>
    </message>
    <message>
        <source>On the map</source>
        <translation>Auf der Karte</translation>
    </message>
    <message>
        <source>On the map (%1)</source>
        <translation>Auf der Karte (%1)</translation>
    </message>
    <message>
        <source>Out of sample (5-fold)</source>
        <translation>Außerhalb der Stichprobe (5-fach)</translation>
    </message>
    <message>
        <source>In sample (quick)</source>
        <translation>In der Stichprobe (schnell)</translation>
    </message>
    <message>
        <source>Validation images (quick)</source>
        <translation>Validierungsbilder (schnell)</translation>
    </message>
    <message>
        <source>%1 training and validation images, least likely label first.</source>
        <translation>%1 Trainings- und Validierungsbilder, das unwahrscheinlichste Label zuerst.</translation>
    </message>
    <message>
        <source>Each image scored by a head that never saw its label (out of sample, 5-fold): %1</source>
        <translation>Jedes Bild von einem Kopf bewertet, der sein Label nie gesehen hat (außerhalb der Stichprobe, 5-fach): %1</translation>
    </message>
    <message>
        <source>Suspicious labels (%1)</source>
        <translation>Verdächtige Labels (%1)</translation>
    </message>
    <message>
        <source>Click a dot (or an image beside the map) to see it here.</source>
        <translation>Klicken Sie auf einen Punkt (oder ein Bild neben der Karte), um es hier zu sehen.</translation>
    </message>
    <message>
        <source>Out of sample: the scores of heads (or runs) that never saw this image&apos;s label. Trained model: the run&apos;s own network, which trained on the training images (in sample) and never saw the validation and test images.</source>
        <translation>Außerhalb der Stichprobe: die Werte von Köpfen (oder Läufen), die das Label dieses Bildes nie gesehen haben. Trainiertes Modell: das eigene Netz des Laufs, das auf den Trainingsbildern trainiert hat (in der Stichprobe) und die Validierungs- und Testbilder nie gesehen hat.</translation>
    </message>
    <message>
        <source>The training images nearest to the image under the map, in the network&apos;s feature space (cosine distance).</source>
        <translation>Die Trainingsbilder, die dem Bild unter der Karte im Merkmalsraum des Netzes am nächsten sind (Kosinus-Abstand).</translation>
    </message>
    <message>
        <source>Nearest</source>
        <translation>Nächste</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <source>The training images nearest to the image shown</source>
        <translation>Die Trainingsbilder, die dem gezeigten Bild am nächsten sind</translation>
    </message>
    <message>
        <source>The images selected on the map</source>
        <translation>Die auf der Karte ausgewählten Bilder</translation>
    </message>
    <message>
        <source>Suspicious labels: the images whose label the model doubts, and the label fixes pending</source>
        <translation>Verdächtige Labels: die Bilder, deren Label das Modell bezweifelt, und die ausstehenden Label-Korrekturen</translation>
    </message>
    <message>
        <source>Data health: duplicates and leakage, outliers, very dark, very bright and blurry images, class balance</source>
        <translation>Datengesundheit: Duplikate und Leckagen, Ausreißer, sehr dunkle, sehr helle und unscharfe Bilder, Klassenbalance</translation>
    </message>
    <message>
        <source>&lt; 0.1 %</source>
        <translation>&lt; 0,1 %</translation>
    </message>
    <message>
        <source>&gt; 99.9 %</source>
        <translation>&gt; 99,9 %</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Labels (%1)</source>
        <translation>Labels (%1)</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 image %2&lt;/b&gt; · labelled &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1-Bild %2&lt;/b&gt; · Label &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>ambiguous</source>
        <translation>mehrdeutig</translation>
    </message>
    <message>
        <source>left out</source>
        <translation>weggelassen</translation>
    </message>
    <message>
        <source>Out of sample: %1</source>
        <translation>Außerhalb der Stichprobe: %1</translation>
    </message>
    <message>
        <source>Trained model: %1</source>
        <translation>Trainiertes Modell: %1</translation>
    </message>
    <message>
        <source>%1 images, least likely label first</source>
        <translation>%1 Bilder, unwahrscheinlichstes Label zuerst</translation>
    </message>
    <message>
        <source>%1 validation images, least likely label first</source>
        <translation>%1 Validierungsbilder, unwahrscheinlichstes Label zuerst</translation>
    </message>
    <message>
        <source>%1 training images (&lt;i&gt;in sample&lt;/i&gt;)</source>
        <translation>%1 Trainingsbilder (&lt;i&gt;in der Stichprobe&lt;/i&gt;)</translation>
    </message>
    <message>
        <source>Under each image: its label → the class the model suggests, and how likely the model finds the label it has.</source>
        <translation>Unter jedem Bild: sein Label → die Klasse, die das Modell vorschlägt, und wie wahrscheinlich das Modell das vorhandene Label findet.</translation>
    </message>
    <message>
        <source>%1 → %2
%3</source>
        <translation>%1 → %2
%3</translation>
    </message>
    <message>
        <source>%1 ✓
was %2</source>
        <translation>%1 ✓
war %2</translation>
    </message>
    <message>
        <source>ambiguous ✓
was %1</source>
        <translation>mehrdeutig ✓
war %1</translation>
    </message>
    <message>
        <source>left out ✓
was %1</source>
        <translation>weggelassen ✓
war %1</translation>
    </message>
    <message>
        <source>This fix is applied (%1); Undo last apply under the pending fixes puts moved files back.</source>
        <translation>Diese Korrektur ist angewendet (%1); Letztes Anwenden rückgängig unter den ausstehenden Korrekturen legt verschobene Dateien zurück.</translation>
    </message>
    <message>
        <source>%1 image %2</source>
        <translation>%1-Bild %2</translation>
    </message>
    <message>
        <source>Out of sample: %1 %2, %3 %4.</source>
        <translation>Außerhalb der Stichprobe: %1 %2, %3 %4.</translation>
    </message>
    <message>
        <source>The trained model: %1 %2, %3 %4.</source>
        <translation>Das trainierte Modell: %1 %2, %3 %4.</translation>
    </message>
    <message>
        <source>Likely wrong.</source>
        <translation>Wahrscheinlich falsch.</translation>
    </message>
    <message>
        <source>%1 features of %2 training and %3 test images (layer %4)%5</source>
        <translation>%1 Merkmale von %2 Trainings- und %3 Testbildern (Schicht %4)%5</translation>
    </message>
</context>
<context>
    <name>tl::ui::LabelFixBar</name>
    <message>
        <source>Fi&amp;x label</source>
        <translation>Label korri&amp;gieren</translation>
    </message>
    <message>
        <source>Relabel the selected images as another class, mark them ambiguous, leave them out, or take their fix back (also the images&apos; context menu)</source>
        <translation>Die ausgewählten Bilder einer anderen Klasse zuordnen, als mehrdeutig markieren, weglassen oder ihre Korrektur zurücknehmen (auch im Kontextmenü der Bilder)</translation>
    </message>
    <message>
        <source>The pending fixes (Feature space → Suspicious labels): take any back, apply them, retrain</source>
        <translation>Die ausstehenden Korrekturen (Merkmalsraum → Verdächtige Labels): einzelne zurücknehmen, anwenden, neu trainieren</translation>
    </message>
    <message>
        <source>Relabel as %1</source>
        <translation>Neu beschriften als %1</translation>
    </message>
    <message>
        <source>Relabel as the predicted class</source>
        <translation>Als vorhergesagte Klasse beschriften</translation>
    </message>
    <message>
        <source>Rela&amp;bel as %1</source>
        <translation>Als %1 beschr&amp;iften</translation>
    </message>
    <message>
        <source>Rela&amp;bel as predicted</source>
        <translation>Als Vorhersage beschr&amp;iften</translation>
    </message>
    <message>
        <source>The selected images&apos; label is wrong: they are %1, as the model says</source>
        <translation>Das Label der ausgewählten Bilder ist falsch: Sie zeigen %1, wie das Modell sagt</translation>
    </message>
    <message>
        <source>The selected images&apos; label is wrong: each is the class the model predicts</source>
        <translation>Das Label der ausgewählten Bilder ist falsch: Jedes gehört zu der Klasse, die das Modell vorhersagt</translation>
    </message>
    <message>
        <source>Relabel as another class</source>
        <translation>Einer anderen Klasse zuordnen</translation>
    </message>
    <message>
        <source>Ambiguous (no single label fits)</source>
        <translation>Mehrdeutig (kein einzelnes Label passt)</translation>
    </message>
    <message>
        <source>Leave out</source>
        <translation>Weglassen</translation>
    </message>
    <message>
        <source>Take the fix back</source>
        <translation>Korrektur zurücknehmen</translation>
    </message>
    <message numerus="yes">
        <source>%n fix(es) pending</source>
        <translation>
            <numerusform>%n Korrektur ausstehend</numerusform>
            <numerusform>%n Korrekturen ausstehend</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::LabelFixList</name>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>ambiguous</source>
        <translation>mehrdeutig</translation>
    </message>
    <message>
        <source>left out</source>
        <translation>weggelassen</translation>
    </message>
    <message>
        <source>%1 image %2: %3 %4</source>
        <translation>%1-Bild %2: %3 %4</translation>
    </message>
    <message>
        <source>Pending label fixes</source>
        <translation>Ausstehende Label-Korrekturen</translation>
    </message>
    <message>
        <source>The fixes marked so far; nothing changes until they are applied.</source>
        <translation>Die bisher markierten Korrekturen; nichts ändert sich, bis sie angewendet werden.</translation>
    </message>
    <message>
        <source>&amp;Take back</source>
        <translation>&amp;Zurücknehmen</translation>
    </message>
    <message>
        <source>Remove the selected fixes from the list (their marks go too)</source>
        <translation>Die ausgewählten Korrekturen aus der Liste entfernen (ihre Markierungen verschwinden mit)</translation>
    </message>
    <message>
        <source>A&amp;pply fixes…</source>
        <translation>Korrekturen an&amp;wenden…</translation>
    </message>
    <message>
        <source>Move the dataset&apos;s files (folder and CSV datasets, with a journal to undo it) or write a label-override file for the next run</source>
        <translation>Die Dateien des Datensatzes verschieben (Ordner- und CSV-Datensätze, mit einem Protokoll zum Rückgängigmachen) oder eine Label-Überschreibungsdatei für den nächsten Lauf schreiben</translation>
    </message>
    <message>
        <source>&amp;Undo last apply</source>
        <translation>Letztes Anwenden &amp;rückgängig machen</translation>
    </message>
    <message>
        <source>Put every file the last apply moved back where it was (its journal in the run folder)</source>
        <translation>Jede Datei, die das letzte Anwenden verschoben hat, an ihren Platz zurücklegen (sein Protokoll im Laufordner)</translation>
    </message>
    <message>
        <source>&amp;Retrain with the fixes</source>
        <translation>Mit den Korrekturen neu &amp;trainieren</translation>
    </message>
    <message>
        <source>Queue a run of this experiment with the fixes; then compare the two runs in Runs → Compare</source>
        <translation>Einen Lauf dieses Experiments mit den Korrekturen einreihen; dann die beiden Läufe unter Läufe → Vergleichen vergleichen</translation>
    </message>
    <message numerus="yes">
        <source>%n fix(es) pending, applied only when you press Apply fixes.</source>
        <translation>
            <numerusform>%n Korrektur ausstehend, angewendet erst, wenn Sie Korrekturen anwenden drücken.</numerusform>
            <numerusform>%n Korrekturen ausstehend, angewendet erst, wenn Sie Korrekturen anwenden drücken.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Apply %n label fix(es)</source>
        <translation>
            <numerusform>%n Label-Korrektur anwenden</numerusform>
            <numerusform>%n Label-Korrekturen anwenden</numerusform>
        </translation>
    </message>
    <message>
        <source>Move the files in %1 (relabelled ones into their class folder, ambiguous and left-out ones aside; a journal in the run folder undoes it), or leave the files as they are and write a label-override file for the next run?</source>
        <translation>Die Dateien in %1 verschieben (neu beschriftete in ihren Klassenordner, mehrdeutige und ausgelassene beiseite; ein Protokoll im Laufordner macht es rückgängig) oder die Dateien lassen, wie sie sind, und eine Label-Überschreibungsdatei für den nächsten Lauf schreiben?</translation>
    </message>
    <message>
        <source>The built-in dataset&apos;s files stay as they are: the fixes go to a label-override file in the run folder that the next run uses.</source>
        <translation>Die Dateien des eingebauten Datensatzes bleiben, wie sie sind: Die Korrekturen kommen in eine Label-Überschreibungsdatei im Laufordner, die der nächste Lauf verwendet.</translation>
    </message>
    <message>
        <source>&amp;Move the files</source>
        <translation>Dateien &amp;verschieben</translation>
    </message>
    <message>
        <source>Write a label-&amp;override file</source>
        <translation>Label-Über&amp;schreibungsdatei schreiben</translation>
    </message>
    <message>
        <source>This run&apos;s data is the built-in &apos;%1&apos; dataset, whose files TransferLab does not change: write a label-override file instead.</source>
        <translation>Die Daten dieses Laufs sind der eingebaute Datensatz &apos;%1&apos;, dessen Dateien TransferLab nicht ändert: Schreiben Sie stattdessen eine Label-Überschreibungsdatei.</translation>
    </message>
    <message>
        <source>No fixes yet: select images, then Suggested class, Relabel as, Ambiguous or Leave out.</source>
        <translation>Noch keine Korrekturen: Wählen Sie Bilder aus, dann Vorgeschlagene Klasse, Neu beschriften als, Mehrdeutig oder Auslassen.</translation>
    </message>
    <message>
        <source>%1 Retrain, then compare in Runs → Compare.</source>
        <translation>%1 Neu trainieren, dann unter Läufe → Vergleichen vergleichen.</translation>
    </message>
    <message>
        <source>Runs → Compare lists the images whose prediction changed between the two runs.</source>
        <translation>Läufe → Vergleichen listet die Bilder auf, deren Vorhersage sich zwischen den beiden Läufen geändert hat.</translation>
    </message>
    <message>
        <source>Queue a run of this experiment with the fixes (pending ones are applied first); then compare the two runs in Runs → Compare</source>
        <translation>Einen Lauf dieses Experiments mit den Korrekturen einreihen (ausstehende werden zuerst angewendet); dann die beiden Läufe in Läufe → Vergleichen vergleichen</translation>
    </message>
    <message>
        <source>Show or hide the pending label fixes and their buttons</source>
        <translation>Die ausstehenden Label-Korrekturen und ihre Knöpfe zeigen oder verbergen</translation>
    </message>
    <message numerus="yes">
        <source>%n fix(es) pending · working…</source>
        <translation>
            <numerusform>%n Korrektur ausstehend · in Arbeit…</numerusform>
            <numerusform>%n Korrekturen ausstehend · in Arbeit…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fix(es) pending</source>
        <translation>
            <numerusform>%n Korrektur ausstehend</numerusform>
            <numerusform>%n Korrekturen ausstehend</numerusform>
        </translation>
    </message>
    <message>
        <source>No fixes pending</source>
        <translation>Keine Korrekturen ausstehend</translation>
    </message>
</context>
<context>
    <name>tl::ui::Language</name>
    <message>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Französisch</translation>
    </message>
</context>
<context>
    <name>tl::ui::LayerTreeModel</name>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>Ausgabeform</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Trainable</source>
        <translation>Trainierbar</translation>
    </message>
</context>
<context>
    <name>tl::ui::LessonDialog</name>
    <message>
        <source>about %1 s</source>
        <translation>etwa %1 s</translation>
    </message>
    <message>
        <source>about %1 minutes</source>
        <translation>etwa %1 Minuten</translation>
    </message>
    <message>
        <source>Lesson: why transfer learning</source>
        <translation>Lektion: Warum Transfer-Learning</translation>
    </message>
    <message>
        <source>&lt;b&gt;Does knowing other clothes help to learn new ones from a few pictures?&lt;/b&gt;&lt;br&gt;A small CNN first learns five Fashion-MNIST classes (trouser, sandal, sneaker, bag, ankle boot) from all their images. Then the five tops (T-shirt/top, pullover, dress, coat, shirt) are learned from only 10, 20 or 50 images each: from scratch, with the pretrained features frozen and a new classifier, and fine-tuned. Every method trains the same way on the same images; the test set is the tops&apos; 5,000 test images.</source>
        <translation>&lt;b&gt;Hilft es, andere Kleidung zu kennen, um neue aus wenigen Bildern zu lernen?&lt;/b&gt;&lt;br&gt;Ein kleines CNN lernt zuerst fünf Fashion-MNIST-Klassen (Hose, Sandale, Sneaker, Tasche, Stiefelette) aus all ihren Bildern. Dann werden die fünf Oberteile (T-Shirt/Top, Pullover, Kleid, Mantel, Hemd) aus nur 10, 20 oder 50 Bildern je Klasse gelernt: von Grund auf, mit eingefrorenen vortrainierten Merkmalen und einem neuen Klassifikator, und per Feinabstimmung (Fine-Tuning). Jede Methode trainiert gleich auf denselben Bildern; die Testdaten sind die 5.000 Testbilder der Oberteile.</translation>
    </message>
    <message>
        <source>step %v of %m</source>
        <translation>Schritt %v von %m</translation>
    </message>
    <message>
        <source>Test accuracy by method and images per class</source>
        <translation>Testgenauigkeit nach Methode und Bildern je Klasse</translation>
    </message>
    <message>
        <source>Images per class</source>
        <translation>Bilder je Klasse</translation>
    </message>
    <message>
        <source>Test accuracy on the five tops</source>
        <translation>Testgenauigkeit auf den fünf Oberteilen</translation>
    </message>
    <message>
        <source>No values yet.</source>
        <translation>Noch keine Werte.</translation>
    </message>
    <message>
        <source>training images per class</source>
        <translation>Trainingsbilder je Klasse</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Quick (20 images per class, one seed)</source>
        <translation>Schnell (20 Bilder je Klasse, ein Seed)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>%1 on this computer (an estimate)</source>
        <translation>%1 auf diesem Computer (geschätzt)</translation>
    </message>
    <message>
        <source>Press Start: %1 on this computer (an estimate from the speed of its earlier runs).</source>
        <translation>Drücken Sie Start: %1 auf diesem Computer (geschätzt aus der Geschwindigkeit seiner früheren Läufe).</translation>
    </message>
    <message>
        <source>Press Start. How long it takes depends on this computer: try Quick first; after it, this line estimates the whole lesson from its speed.</source>
        <translation>Drücken Sie Start. Wie lange es dauert, hängt von diesem Computer ab: Probieren Sie zuerst Schnell; danach schätzt diese Zeile die ganze Lektion aus seiner Geschwindigkeit.</translation>
    </message>
    <message>
        <source>Done in %1 s: what the chart shows</source>
        <translation>Fertig in %1 s: was das Diagramm zeigt</translation>
    </message>
    <message>
        <source>Each line is a method&apos;s mean test accuracy, the small dots its single runs (other images, other start), drawn a little apart where they would overlap. The pretraining reached %1 on its own five classes. The runs are in %2.</source>
        <translation>Jede Linie ist die mittlere Testgenauigkeit einer Methode, die kleinen Punkte ihre einzelnen Läufe (andere Bilder, anderer Start), etwas auseinandergezogen, wo sie sich überdecken würden. Das Vortraining erreichte %1 auf seinen eigenen fünf Klassen. Die Läufe liegen in %2.</translation>
    </message>
    <message>
        <source>%1 · epoch %2 of %3, %4 %</source>
        <translation>%1 · Epoche %2 von %3, %4 %</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>Schritt %1 von %2</translation>
    </message>
    <message>
        <source>The lesson could not run</source>
        <translation>Die Lektion konnte nicht laufen</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>The finished runs are kept: Start continues where the lesson stopped.</source>
        <translation>Die fertigen Läufe bleiben erhalten: Start setzt dort fort, wo die Lektion angehalten hat.</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
</context>
<context>
    <name>tl::ui::LiveView</name>
    <message>
        <source>Live view of the first layer</source>
        <translation>Live-Ansicht der ersten Schicht</translation>
    </message>
    <message>
        <source>First layer&apos;s feature maps</source>
        <translation>Merkmalskarten der ersten Schicht</translation>
    </message>
    <message>
        <source>The first layer&apos;s filters and what they make of this image, redrawn after each epoch.</source>
        <translation>Die Filter der ersten Schicht und was sie aus diesem Bild machen, nach jeder Epoche neu gezeichnet.</translation>
    </message>
    <message>
        <source>Shown after the first epoch.</source>
        <translation>Wird nach der ersten Epoche angezeigt.</translation>
    </message>
    <message>
        <source>After epoch %1: layer %2</source>
        <translation>Nach Epoche %1: Schicht %2</translation>
    </message>
</context>
<context>
    <name>tl::ui::MainMenus</name>
    <message>
        <source>&amp;Training</source>
        <translation>&amp;Training</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open experiment…</source>
        <translation>Experiment ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Save experiment…</source>
        <translation>Experiment &amp;speichern…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>&amp;ONNX (OpenCV, ONNX Runtime)…</source>
        <translation>&amp;ONNX (für OpenCV, ONNX Runtime)…</translation>
    </message>
    <message>
        <source>Exported: %1</source>
        <translation>Exportiert: %1</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>&amp;Lektionen</translation>
    </message>
    <message>
        <source>Why &amp;transfer learning (offline, a few minutes)…</source>
        <translation>Warum &amp;Transfer-Learning (offline, einige Minuten)…</translation>
    </message>
    <message>
        <source>Reset to &amp;defaults</source>
        <translation>Auf Standardwerte &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Show &amp;runs folder</source>
        <translation>Lauf&amp;ordner zeigen</translation>
    </message>
    <message>
        <source>Runs folder</source>
        <translation>Laufordner</translation>
    </message>
    <message>
        <source>Runs are saved in
%1</source>
        <translation>Läufe werden gespeichert in
%1</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Recipes from the notebooks</source>
        <translation>&amp;Rezepte aus den Notebooks</translation>
    </message>
    <message>
        <source>&amp;Sweeps (into the queue)</source>
        <translation>&amp;Sweeps (in die Warteschlange)</translation>
    </message>
    <message>
        <source>Recipe %1 loaded</source>
        <translation>Rezept %1 geladen</translation>
    </message>
    <message>
        <source>Cannot load the recipe</source>
        <translation>Das Rezept kann nicht geladen werden</translation>
    </message>
    <message>
        <source>Open experiment</source>
        <translation>Experiment öffnen</translation>
    </message>
    <message>
        <source>Experiments (*.tlexp.json *.json);;All files (*)</source>
        <translation>Experimente (*.tlexp.json *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save experiment</source>
        <translation>Experiment speichern</translation>
    </message>
    <message>
        <source>Experiments (*.tlexp.json);;JSON (*.json)</source>
        <translation>Experimente (*.tlexp.json);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Cannot save the experiment</source>
        <translation>Das Experiment kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>&amp;Präsentationsmodus</translation>
    </message>
    <message>
        <source>&amp;Classroom set-up</source>
        <translation>&amp;Klassenraum-Einrichtung</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About TransferLab</source>
        <translation>&amp;Über TransferLab</translation>
    </message>
    <message>
        <source>About TransferLab</source>
        <translation>Über TransferLab</translation>
    </message>
    <message>
        <source>&lt;b&gt;TransferLab&lt;/b&gt; %1&lt;br&gt;A workbench for transfer learning on images.&lt;br&gt;Go left to right: pick the data, the model and what to freeze, train, then click the confusion matrix to see the mistakes.</source>
        <translation>&lt;b&gt;TransferLab&lt;/b&gt; %1&lt;br&gt;Eine Werkbank für Transfer-Learning auf Bildern.&lt;br&gt;Von links nach rechts: Daten, Modell und das Einzufrierende wählen, trainieren, dann auf die Konfusionsmatrix klicken, um die Fehler zu sehen.</translation>
    </message>
</context>
<context>
    <name>tl::ui::MainWindow</name>
    <message>
        <source>Queued %1 again with the classes weighted, beside it; when it finishes, Runs → Compare shows the two.</source>
        <translation>%1 ist erneut eingereiht, mit gewichteten Klassen, daneben; nach seinem Ende zeigt Läufe → Vergleichen die beiden.</translation>
    </message>
    <message>
        <source>The new run finished: Runs → Compare shows it beside %1.</source>
        <translation>Der neue Lauf ist fertig: Läufe → Vergleichen zeigt ihn neben %1.</translation>
    </message>
    <message numerus="yes">
        <source>Queued %n fold run(s) for the label check: see the Queue tab.</source>
        <translation>
            <numerusform>%n Fold-Lauf für die Label-Prüfung eingereiht: siehe Reiter Warteschlange.</numerusform>
            <numerusform>%n Fold-Läufe für die Label-Prüfung eingereiht: siehe Reiter Warteschlange.</numerusform>
        </translation>
    </message>
    <message>
        <source>The fold runs have all finished: scoring the labels.</source>
        <translation>Die Fold-Läufe sind alle fertig: Die Labels werden bewertet.</translation>
    </message>
    <message>
        <source>TransferLab</source>
        <translation>TransferLab</translation>
    </message>
    <message>
        <source>1 · Data</source>
        <translation>1 · Daten</translation>
    </message>
    <message>
        <source>2 · Model</source>
        <translation>2 · Modell</translation>
    </message>
    <message>
        <source>3 · Training</source>
        <translation>3 · Training</translation>
    </message>
    <message>
        <source>4 · Results</source>
        <translation>4 · Ergebnisse</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Teach</source>
        <translation>Unterrichten</translation>
    </message>
    <message>
        <source>Report written: %1</source>
        <translation>Bericht geschrieben: %1</translation>
    </message>
    <message>
        <source>Cannot write the report</source>
        <translation>Der Bericht kann nicht geschrieben werden</translation>
    </message>
    <message numerus="yes">
        <source>The next run leaves out %n training image(s) (Data tab)</source>
        <translation>
            <numerusform>Der nächste Lauf lässt %n Trainingsbild aus (Reiter Daten)</numerusform>
            <numerusform>Der nächste Lauf lässt %n Trainingsbilder aus (Reiter Daten)</numerusform>
        </translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>Cannot open the run</source>
        <translation>Der Lauf kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 loaded</source>
        <translation>%1 geladen</translation>
    </message>
    <message>
        <source>Run saved: %1</source>
        <translation>Lauf gespeichert: %1</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>Training fehlgeschlagen</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>Training läuft</translation>
    </message>
    <message>
        <source>Stop the current run before resuming another.</source>
        <translation>Halten Sie den aktuellen Lauf an, bevor Sie einen anderen fortsetzen.</translation>
    </message>
    <message>
        <source>Cannot resume the run</source>
        <translation>Der Lauf kann nicht fortgesetzt werden</translation>
    </message>
    <message>
        <source>Cannot open the experiment</source>
        <translation>Das Experiment kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Classroom set-up: Fashion-MNIST, 10 % of the training images with a validation split, the small CNN for 3 epochs, presentation mode. Press Start in the Training tab.</source>
        <translation>Klassenraum-Einrichtung: Fashion-MNIST, 10 % der Trainingsbilder mit Validierungsanteil, das kleine CNN für 3 Epochen, Präsentationsmodus. Drücken Sie Start im Reiter Training.</translation>
    </message>
    <message>
        <source>Settings reset to the defaults.</source>
        <translation>Einstellungen auf die Standardwerte zurückgesetzt.</translation>
    </message>
    <message>
        <source>Queued run finished: %1</source>
        <translation>Lauf aus der Warteschlange fertig: %1</translation>
    </message>
    <message>
        <source>Queued run ended: %1</source>
        <translation>Lauf aus der Warteschlange beendet: %1</translation>
    </message>
    <message>
        <source>Stop the training and quit? Completed epochs are already saved.</source>
        <translation>Training anhalten und beenden? Abgeschlossene Epochen sind bereits gespeichert.</translation>
    </message>
    <message>
        <source>A queued run is training</source>
        <translation>Ein Lauf aus der Warteschlange trainiert</translation>
    </message>
    <message>
        <source>Stop it and quit? It keeps its completed epochs; the queue itself is not kept.</source>
        <translation>Anhalten und beenden? Er behält seine abgeschlossenen Epochen; die Warteschlange selbst wird nicht behalten.</translation>
    </message>
    <message>
        <source>Queued a run with the fixed labels beside %1; when it finishes, Runs → Compare shows the two.</source>
        <translation>Ein Lauf mit den korrigierten Labels ist neben %1 eingereiht; nach seinem Ende zeigt Läufe → Vergleichen die beiden.</translation>
    </message>
    <message>
        <source>The run with the fixed labels finished: Runs → Compare shows it beside the run before the fixes.</source>
        <translation>Der Lauf mit den korrigierten Labels ist fertig: Läufe → Vergleichen zeigt ihn neben dem Lauf vor den Korrekturen.</translation>
    </message>
    <message>
        <source>Cannot queue the run</source>
        <translation>Der Lauf kann nicht eingereiht werden</translation>
    </message>
    <message>
        <source>The next run weights the classes: Class weights balanced in every stage (Training tab)</source>
        <translation>Der nächste Lauf gewichtet die Klassen: Klassengewichte ausgeglichen in jeder Stufe (Reiter Training)</translation>
    </message>
</context>
<context>
    <name>tl::ui::MetricChart</name>
    <message>
        <source>epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>No values yet.</source>
        <translation>Noch keine Werte.</translation>
    </message>
    <message>
        <source>%1 at epoch %2</source>
        <translation>%1 nach Epoche %2</translation>
    </message>
</context>
<context>
    <name>tl::ui::ModelPanel</name>
    <message>
        <source>as stored</source>
        <translation>wie gespeichert</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Images are resized to this size before the network (OpenCV; %1 in the run folder names each step&apos;s interpolation).</source>
        <translation>Bilder werden vor dem Netz auf diese Größe skaliert (OpenCV; %1 im Laufordner nennt die Interpolation jedes Schritts).</translation>
    </message>
    <message>
        <source>Gray images as RGB (3 channels)</source>
        <translation>Graue Bilder als RGB (3 Kanäle)</translation>
    </message>
    <message>
        <source>BatchNorm after each convolution</source>
        <translation>BatchNorm nach jeder Faltung</translation>
    </message>
    <message>
        <source>Keras convention: the moving averages keep this share of their value per batch.</source>
        <translation>Keras-Konvention: Die gleitenden Mittelwerte behalten je Batch diesen Anteil ihres Werts.</translation>
    </message>
    <message>
        <source>L2 penalty on convolution and dense kernels, added to the loss (Keras&apos; kernel_regularizer).</source>
        <translation>L2-Strafterm auf Faltungs- und Dense-Kernel, zum Verlust addiert (Keras&apos; kernel_regularizer).</translation>
    </message>
    <message>
        <source>Random initialisation</source>
        <translation>Zufällige Initialisierung</translation>
    </message>
    <message>
        <source>ImageNet (torchvision)</source>
        <translation>ImageNet (torchvision)</translation>
    </message>
    <message>
        <source>From a file…</source>
        <translation>Aus einer Datei…</translation>
    </message>
    <message>
        <source>From a run…</source>
        <translation>Aus einem Lauf…</translation>
    </message>
    <message>
        <source>Where training starts. &quot;From a run&quot;: a finished run of this model (transfer learning without a download: pretrain on some classes, then learn others).</source>
        <translation>Wo das Training beginnt. „Aus einem Lauf“: ein fertiger Lauf dieses Modells (Transfer-Learning ohne Download: auf einigen Klassen vortrainieren, dann andere lernen).</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Its own classifier, resized</source>
        <translation>Sein eigener Klassifikator, angepasst</translation>
    </message>
    <message>
        <source>Global average pooling + new layer</source>
        <translation>Global Average Pooling + neue Schicht</translation>
    </message>
    <message>
        <source>Flatten + new layer</source>
        <translation>Flatten + neue Schicht</translation>
    </message>
    <message>
        <source>ImageNet&apos;s 1000 classes as is</source>
        <translation>Die 1000 Klassen von ImageNet unverändert</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>A Dense layer (+BatchNorm, ReLU) before the output, as seed 002&apos;s head.</source>
        <translation>Eine Dense-Schicht (+BatchNorm, ReLU) vor der Ausgabe, wie der Kopf von Seed 002.</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>&amp;Architecture:</source>
        <translation>&amp;Architektur:</translation>
    </message>
    <message>
        <source>&amp;Input size:</source>
        <translation>&amp;Eingabegröße:</translation>
    </message>
    <message>
        <source>&amp;Dropout:</source>
        <translation>&amp;Dropout:</translation>
    </message>
    <message>
        <source>BatchNorm &amp;momentum:</source>
        <translation>BatchNorm-&amp;Momentum:</translation>
    </message>
    <message>
        <source>&amp;L2 on kernels:</source>
        <translation>&amp;L2 auf Kernel:</translation>
    </message>
    <message>
        <source>&amp;Weights:</source>
        <translation>&amp;Gewichte:</translation>
    </message>
    <message>
        <source>&amp;Head:</source>
        <translation>&amp;Kopf:</translation>
    </message>
    <message>
        <source>Hidden &amp;units:</source>
        <translation>Verborgene Ein&amp;heiten:</translation>
    </message>
    <message>
        <source>Head d&amp;ropout:</source>
        <translation>Kopf-D&amp;ropout:</translation>
    </message>
    <message>
        <source>Untick a layer to freeze it; right-click to freeze up to a layer.</source>
        <translation>Haken Sie eine Schicht ab, um sie einzufrieren; Rechtsklick friert bis zu einer Schicht ein.</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <source>Space unticks a layer to freeze it, or ticks it to train it; the context menu key freezes up to the current layer.</source>
        <translation>Die Leertaste entfernt den Haken einer Schicht, um sie einzufrieren, oder setzt ihn, um sie zu trainieren; die Kontextmenütaste friert bis zur aktuellen Schicht ein.</translation>
    </message>
    <message>
        <source>Total: every weight of the network. Trainable: those training will change; frozen ones keep their values. Depth: how many layers with weights an image passes through.</source>
        <translation>Gesamt: jedes Gewicht des Netzes. Trainierbar: die, die das Training ändert; eingefrorene behalten ihre Werte. Tiefe: durch wie viele Schichten mit Gewichten ein Bild läuft.</translation>
    </message>
    <message>
        <source>Freeze all</source>
        <translation>Alle einfrieren</translation>
    </message>
    <message>
        <source>Unfreeze all</source>
        <translation>Alle freigeben</translation>
    </message>
    <message>
        <source>Layers (untick to freeze)</source>
        <translation>Schichten (Haken entfernen zum Einfrieren)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Total&lt;/b&gt; %1 · &lt;b&gt;Trainable&lt;/b&gt; %2 · &lt;b&gt;Frozen&lt;/b&gt; %3 · &lt;b&gt;Depth&lt;/b&gt; %4</source>
        <translation>&lt;b&gt;Gesamt&lt;/b&gt; %1 · &lt;b&gt;Trainierbar&lt;/b&gt; %2 · &lt;b&gt;Eingefroren&lt;/b&gt; %3 · &lt;b&gt;Tiefe&lt;/b&gt; %4</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>Checkpoints (*.pth *.pt *.safetensors)</source>
        <translation>Checkpoints (*.pth *.pt *.safetensors)</translation>
    </message>
    <message>
        <source>At %1 px the last feature map is %2×%2, but VGG&apos;s own classifier expects 512×7×7: the pool repeats each value to fill 7×7, and the classifier keeps its ~120 million parameters. The head &quot;Global average pooling + new layer&quot; needs a few thousand.</source>
        <translation>Bei %1 px ist die letzte Merkmalskarte %2×%2, aber VGGs eigener Klassifikator erwartet 512×7×7: Das Pooling wiederholt jeden Wert, um 7×7 zu füllen, und der Klassifikator behält seine ~120 Millionen Parameter. Der Kopf „Global Average Pooling + neue Schicht“ braucht einige tausend.</translation>
    </message>
    <message>
        <source>%1  —  %2, test accuracy %3</source>
        <translation>%1  —  %2, Testgenauigkeit %3</translation>
    </message>
    <message>
        <source>Another folder…</source>
        <translation>Anderer Ordner…</translation>
    </message>
    <message>
        <source>Weights from a run</source>
        <translation>Gewichte aus einem Lauf</translation>
    </message>
    <message>
        <source>No finished %1 run in %2 yet.</source>
        <translation>Noch kein fertiger Lauf von %1 in %2.</translation>
    </message>
    <message>
        <source>Finished runs of %1 (the newest first):</source>
        <translation>Fertige Läufe von %1 (die neuesten zuerst):</translation>
    </message>
    <message>
        <source>Run folder</source>
        <translation>Laufordner</translation>
    </message>
    <message>
        <source>No run chosen.</source>
        <translation>Kein Lauf gewählt.</translation>
    </message>
    <message>
        <source>%1 trained %2, not %3: choose a run of this model.</source>
        <translation>%1 hat %2 trainiert, nicht %3: Wählen Sie einen Lauf dieses Modells.</translation>
    </message>
    <message>
        <source>Starts from run %1 (%2 classes of %3). Layers that fit are taken; the output layer starts fresh when the classes differ.</source>
        <translation>Beginnt mit Lauf %1 (%2 Klassen von %3). Passende Schichten werden übernommen; die Ausgabeschicht beginnt neu, wenn sich die Klassen unterscheiden.</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>Keine Datei gewählt.</translation>
    </message>
    <message>
        <source>Our own small CNN: it trains from scratch, or starts from one of your runs (&quot;From a run…&quot;).</source>
        <translation>Unser eigenes kleines CNN: Es trainiert von Grund auf oder beginnt mit einem Ihrer Läufe („Aus einem Lauf…“).</translation>
    </message>
    <message>
        <source>Trains from scratch (random weights).</source>
        <translation>Trainiert von Grund auf (zufällige Gewichte).</translation>
    </message>
    <message>
        <source>%1 is not on this computer yet.</source>
        <translation>%1 ist noch nicht auf diesem Computer.</translation>
    </message>
    <message>
        <source>✔ %1 (in PyTorch&apos;s cache)</source>
        <translation>✔ %1 (im Cache von PyTorch)</translation>
    </message>
    <message>
        <source>The download failed (no network?). Try again later, or set Weights to &quot;Random initialisation&quot; to train offline.</source>
        <translation>Der Download ist fehlgeschlagen (kein Netz?). Versuchen Sie es später erneut oder stellen Sie Gewichte auf „Zufällige Initialisierung“, um offline zu trainieren.</translation>
    </message>
    <message>
        <source>Freeze up to here</source>
        <translation>Bis hierher einfrieren</translation>
    </message>
    <message>
        <source>Unfreeze from here</source>
        <translation>Ab hier freigeben</translation>
    </message>
</context>
<context>
    <name>tl::ui::OnnxExportDialog</name>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Export to ONNX</source>
        <translation>Nach ONNX exportieren</translation>
    </message>
    <message>
        <source>The run&apos;s model as an ONNX file (opset 10) that runs without TransferLab: in OpenCV&apos;s DNN module (C++ or Python), ONNX Runtime and the like. Its preprocessing and class names go into the file and into a JSON file beside it.</source>
        <translation>Das Modell des Laufs als ONNX-Datei (Opset 10), die ohne TransferLab läuft: im DNN-Modul von OpenCV (C++ oder Python), in ONNX Runtime und ähnlichen. Seine Vorverarbeitung und die Klassennamen stehen in der Datei und in einer JSON-Datei daneben.</translation>
    </message>
    <message>
        <source>Run…</source>
        <translation>Lauf…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <source>Run folder:</source>
        <translation>Laufordner:</translation>
    </message>
    <message>
        <source>ONNX file:</source>
        <translation>ONNX-Datei:</translation>
    </message>
    <message>
        <source>A finished run</source>
        <translation>Ein fertiger Lauf</translation>
    </message>
    <message>
        <source>ONNX (*.onnx)</source>
        <translation>ONNX (*.onnx)</translation>
    </message>
    <message>
        <source>Choose a finished run and a file to write.</source>
        <translation>Wählen Sie einen fertigen Lauf und eine Zieldatei.</translation>
    </message>
    <message>
        <source>Exporting and checking the file in OpenCV…</source>
        <translation>Exportiere und prüfe die Datei in OpenCV…</translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation>Nicht exportiert: %1</translation>
    </message>
    <message>
        <source>Written %1 (%2 MB, ONNX opset %3) and %4. OpenCV&apos;s DNN module reads it back: its logits differ from LibTorch&apos;s by at most %5.</source>
        <translation>%1 geschrieben (%2 MB, ONNX-Opset %3) und %4. Das DNN-Modul von OpenCV liest sie zurück: Seine Logits weichen höchstens um %5 von denen von LibTorch ab.</translation>
    </message>
    <message>
        <source>Run folder</source>
        <translation>Laufordner</translation>
    </message>
    <message>
        <source>ONNX file</source>
        <translation>ONNX-Datei</translation>
    </message>
</context>
<context>
    <name>tl::ui::PredictPanel</name>
    <message>
        <source>Top 5</source>
        <translation>Top 5</translation>
    </message>
    <message>
        <source>%1: %2 %</source>
        <translation>%1: %2 %</translation>
    </message>
    <message>
        <source>Open &amp;images…</source>
        <translation>&amp;Bilder öffnen…</translation>
    </message>
    <message>
        <source>Open &amp;folder…</source>
        <translation>&amp;Ordner öffnen…</translation>
    </message>
    <message>
        <source>&amp;Webcam</source>
        <translation>&amp;Webcam</translation>
    </message>
    <message>
        <source>Classify live frames from the first camera</source>
        <translation>Live-Bilder der ersten Kamera klassifizieren</translation>
    </message>
    <message>
        <source>&amp;Random test image</source>
        <translation>&amp;Zufälliges Testbild</translation>
    </message>
    <message>
        <source>A test image the model never trained on, picked at random</source>
        <translation>Ein Testbild, auf dem das Modell nie trainiert hat, zufällig gewählt</translation>
    </message>
    <message>
        <source>&amp;Draw</source>
        <translation>Zeic&amp;hnen</translation>
    </message>
    <message>
        <source>Draw something and see what the model says</source>
        <translation>Etwas zeichnen und sehen, was das Modell sagt</translation>
    </message>
    <message>
        <source>R&amp;un:</source>
        <translation>La&amp;uf:</translation>
    </message>
    <message>
        <source>Drop images or folders here</source>
        <translation>Bilder oder Ordner hierher ziehen</translation>
    </message>
    <message>
        <source>Images to classify</source>
        <translation>Zu klassifizierende Bilder</translation>
    </message>
    <message>
        <source>Arrow keys choose an image; the model&apos;s answer is beside it.</source>
        <translation>Die Pfeiltasten wählen ein Bild; die Antwort des Modells steht daneben.</translation>
    </message>
    <message>
        <source>Open or drop images to classify them with the run&apos;s model.</source>
        <translation>Öffnen oder ziehen Sie Bilder hierher, um sie mit dem Modell des Laufs zu klassifizieren.</translation>
    </message>
    <message>
        <source>Layer (pick one for Grad-CAM)</source>
        <translation>Schicht (eine für Grad-CAM wählen)</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Layer for Grad-CAM and the feature maps</source>
        <translation>Schicht für Grad-CAM und die Merkmalskarten</translation>
    </message>
    <message>
        <source>Grad-CAM: where the model looks</source>
        <translation>Grad-CAM: wohin das Modell schaut</translation>
    </message>
    <message>
        <source>O&amp;pacity</source>
        <translation>&amp;Deckkraft</translation>
    </message>
    <message>
        <source>Cl&amp;ass</source>
        <translation>Kl&amp;asse</translation>
    </message>
    <message>
        <source>Grad-CAM opacity</source>
        <translation>Grad-CAM-Deckkraft</translation>
    </message>
    <message>
        <source>Grad-CAM class</source>
        <translation>Grad-CAM-Klasse</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Clear the drawing</source>
        <translation>Zeichnung löschen</translation>
    </message>
    <message>
        <source>Draw here</source>
        <translation>Hier zeichnen</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>Merkmalskarten</translation>
    </message>
    <message>
        <source>What the picked layer computes from this image: one small map per channel (bright: strong), and a first convolution&apos;s filters</source>
        <translation>Was die gewählte Schicht aus diesem Bild berechnet: eine kleine Karte je Kanal (hell: stark) und die Filter einer ersten Faltung</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Bilder (%1)</translation>
    </message>
    <message>
        <source>Folder of images</source>
        <translation>Bilderordner</translation>
    </message>
    <message>
        <source>Load a dataset in the Data tab first: its test images are used.</source>
        <translation>Laden Sie zuerst einen Datensatz im Reiter Daten: Seine Testbilder werden verwendet.</translation>
    </message>
    <message>
        <source>drawing</source>
        <translation>Zeichnung</translation>
    </message>
    <message>
        <source>No finished run yet: train one first (3 · Training).</source>
        <translation>Noch kein fertiger Lauf: Trainieren Sie zuerst einen (3 · Training).</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Lade %1…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; on %2×%2 %3 images, %4 classes.&lt;br/&gt;Images are converted exactly as in training.%5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; auf %2×%2 %3 Bildern, %4 Klassen.&lt;br/&gt;Bilder werden genau wie im Training umgewandelt.%5</translation>
    </message>
    <message>
        <source>gray</source>
        <translation>grauen</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>farbigen</translation>
    </message>
    <message>
        <source>&lt;br/&gt;Calibrated (T = %1): it says when it does not know.</source>
        <translation>&lt;br/&gt;Kalibriert (T = %1): Es sagt, wenn es etwas nicht weiß.</translation>
    </message>
    <message>
        <source>&lt;br/&gt;Not calibrated%1: calibrate it in Results › Confidence to know when it does not know.</source>
        <translation>&lt;br/&gt;Nicht kalibriert%1: Kalibrieren Sie es unter Ergebnisse › Sicherheit, damit es weiß, wann es etwas nicht weiß.</translation>
    </message>
    <message>
        <source>Top 5 (calibrated probabilities)</source>
        <translation>Top 5 (kalibrierte Wahrscheinlichkeiten)</translation>
    </message>
    <message>
        <source>the predicted class</source>
        <translation>die vorhergesagte Klasse</translation>
    </message>
    <message>
        <source>last convolutional block</source>
        <translation>letzter Faltungsblock</translation>
    </message>
    <message numerus="yes">
        <source>Cannot read %n image(s):
</source>
        <translation>
            <numerusform>%n Bild kann nicht gelesen werden:
</numerusform>
            <numerusform>%n Bilder können nicht gelesen werden:
</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;I don&apos;t know:&lt;/b&gt; this does not look like anything I was trained on (unfamiliar %1 &amp;gt; %2).</source>
        <translation>&lt;b&gt;Ich weiß es nicht:&lt;/b&gt; Das sieht nach nichts aus, worauf ich trainiert wurde (Fremdheit %1 &amp;gt; %2).</translation>
    </message>
    <message>
        <source>Looks like its training images (unfamiliar %1, below %2).</source>
        <translation>Sieht aus wie seine Trainingsbilder (Fremdheit %1, unter %2).</translation>
    </message>
    <message>
        <source>Showing %1 at layer %2</source>
        <translation>Zeige %1 an Schicht %2</translation>
    </message>
    <message>
        <source>No webcam found, or another program is using it. Connect one and press Webcam again, or open images, pick a random test image or draw one.</source>
        <translation>Keine Webcam gefunden, oder ein anderes Programm verwendet sie. Schließen Sie eine an und drücken Sie erneut Webcam, oder öffnen Sie Bilder, wählen Sie ein zufälliges Testbild oder zeichnen Sie eines.</translation>
    </message>
    <message>
        <source>test #%1 · %2</source>
        <translation>Test Nr. %1 · %2</translation>
    </message>
    <message>
        <source>No prediction yet</source>
        <translation>Noch keine Vorhersage</translation>
    </message>
</context>
<context>
    <name>tl::ui::QueuePanel</name>
    <message>
        <source>Add current settings</source>
        <translation>Aktuelle Einstellungen hinzufügen</translation>
    </message>
    <message>
        <source>Queues a run of the experiment as the Data, Model and Training tabs show it now</source>
        <translation>Reiht einen Lauf des Experiments so ein, wie ihn die Reiter Daten, Modell und Training jetzt zeigen</translation>
    </message>
    <message>
        <source>Sweep…</source>
        <translation>Sweep…</translation>
    </message>
    <message>
        <source>Many runs from the current settings: a table of settings and values</source>
        <translation>Viele Läufe aus den aktuellen Einstellungen: eine Tabelle aus Einstellungen und Werten</translation>
    </message>
    <message>
        <source>Sweep recipes</source>
        <translation>Sweep-Rezepte</translation>
    </message>
    <message>
        <source>Opens a menu of the notebooks&apos; sweeps.</source>
        <translation>Öffnet ein Menü mit den Sweeps der Notebooks.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>▲</source>
        <translation>▲</translation>
    </message>
    <message>
        <source>▼</source>
        <translation>▼</translation>
    </message>
    <message>
        <source>Earlier in the queue</source>
        <translation>Früher in der Warteschlange</translation>
    </message>
    <message>
        <source>Later in the queue</source>
        <translation>Später in der Warteschlange</translation>
    </message>
    <message>
        <source>The running run goes on; no new one starts until unpaused</source>
        <translation>Der laufende Lauf geht weiter; kein neuer beginnt, bis die Pause aufgehoben ist</translation>
    </message>
    <message>
        <source>Run queue</source>
        <translation>Lauf-Warteschlange</translation>
    </message>
    <message>
        <source>Sweep results</source>
        <translation>Sweep-Ergebnisse</translation>
    </message>
    <message>
        <source>Open sweep folder…</source>
        <translation>Sweep-Ordner öffnen…</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>Bericht exportieren…</translation>
    </message>
    <message>
        <source>S&amp;weep</source>
        <translation>S&amp;weep</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>Sweep</translation>
    </message>
    <message>
        <source>Open in Results</source>
        <translation>In Ergebnisse öffnen</translation>
    </message>
    <message>
        <source>Compare selected</source>
        <translation>Ausgewählte vergleichen</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Diagramm</translation>
    </message>
    <message>
        <source>Sweep chart</source>
        <translation>Sweep-Diagramm</translation>
    </message>
    <message>
        <source>No values yet.</source>
        <translation>Noch keine Werte.</translation>
    </message>
    <message>
        <source>Heat map of test accuracy</source>
        <translation>Heatmap der Testgenauigkeit</translation>
    </message>
    <message>
        <source>A sweep folder</source>
        <translation>Ein Sweep-Ordner</translation>
    </message>
    <message>
        <source>Export the sweep&apos;s report</source>
        <translation>Den Bericht des Sweeps exportieren</translation>
    </message>
    <message>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Bericht geschrieben nach %1</translation>
    </message>
    <message>
        <source>No sweep yet: Sweep… or Sweep recipes above queue one, and its results fill in here as its runs finish.</source>
        <translation>Noch kein Sweep: Sweep… oder Sweep-Rezepte oben reihen einen ein, und seine Ergebnisse erscheinen hier, sobald seine Läufe fertig sind.</translation>
    </message>
    <message>
        <source>Choose a sweep to see its results.</source>
        <translation>Wählen Sie einen Sweep, um seine Ergebnisse zu sehen.</translation>
    </message>
    <message>
        <source>Cannot show this sweep: %1</source>
        <translation>Dieser Sweep kann nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <source>%1: %2 runs (%3), %4 finished, %5 failed. Test accuracy on the held-out test set; click a point, a cell or a row to open that run.</source>
        <translation>%1: %2 Läufe (%3), %4 fertig, %5 fehlgeschlagen. Testgenauigkeit auf den zurückgehaltenen Testdaten; klicken Sie auf einen Punkt, eine Zelle oder eine Zeile, um diesen Lauf zu öffnen.</translation>
    </message>
    <message>
        <source>, %1 seeds each</source>
        <translation>, je %1 Seeds</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>Punkt</translation>
    </message>
    <message>
        <source>Test acc
(mean ± sd)</source>
        <translation>Testgenauigkeit
(Mittel ± SA)</translation>
    </message>
    <message>
        <source>Test acc</source>
        <translation>Testgenauigkeit</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>Zeit (s)</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <source>Test accuracy for each point</source>
        <translation>Testgenauigkeit je Punkt</translation>
    </message>
    <message>
        <source>Test accuracy against %1</source>
        <translation>Testgenauigkeit gegen %1</translation>
    </message>
    <message>
        <source>Heat map: %1 × %2</source>
        <translation>Heatmap: %1 × %2</translation>
    </message>
    <message>
        <source>Test accuracy against training time (Pareto front)</source>
        <translation>Testgenauigkeit gegen Trainingszeit (Pareto-Front)</translation>
    </message>
    <message>
        <source>That point has no finished run yet.</source>
        <translation>Dieser Punkt hat noch keinen fertigen Lauf.</translation>
    </message>
    <message>
        <source>Select two or more points with finished runs to compare.</source>
        <translation>Wählen Sie zwei oder mehr Punkte mit fertigen Läufen zum Vergleichen.</translation>
    </message>
    <message>
        <source>point</source>
        <translation>Punkt</translation>
    </message>
    <message>
        <source> (log scale)</source>
        <translation> (logarithmische Skala)</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>mean test accuracy</source>
        <translation>mittlere Testgenauigkeit</translation>
    </message>
    <message>
        <source>a run</source>
        <translation>ein Lauf</translation>
    </message>
    <message>
        <source>nothing beats it on both (Pareto front)</source>
        <translation>nichts schlägt ihn in beidem (Pareto-Front)</translation>
    </message>
    <message>
        <source>training time (s)</source>
        <translation>Trainingszeit (s)</translation>
    </message>
    <message numerus="yes">
        <source>mean test accuracy of %n run(s); click to open one</source>
        <translation>
            <numerusform>mittlere Testgenauigkeit von %n Lauf; zum Öffnen klicken</numerusform>
            <numerusform>mittlere Testgenauigkeit von %n Läufen; klicken, um einen zu öffnen</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot queue this experiment</source>
        <translation>Dieses Experiment kann nicht eingereiht werden</translation>
    </message>
    <message>
        <source>Sweep recipe</source>
        <translation>Sweep-Rezept</translation>
    </message>
    <message>
        <source>%1

%2 runs. Quick runs use 2 % of the data and one epoch a stage (a classroom laptop); full runs are the notebook&apos;s.</source>
        <translation>%1

%2 Läufe. Schnelle Läufe verwenden 2 % der Daten und eine Epoche je Stufe (ein Klassenraum-Laptop); vollständige Läufe sind die des Notebooks.</translation>
    </message>
    <message>
        <source>Quick</source>
        <translation>Schnell</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>Vollständig</translation>
    </message>
    <message>
        <source>Cannot queue the recipe</source>
        <translation>Das Rezept kann nicht eingereiht werden</translation>
    </message>
    <message>
        <source>Run queue: runs train in the background</source>
        <translation>Lauf-Warteschlange: Läufe trainieren im Hintergrund</translation>
    </message>
    <message>
        <source>Runs trained at the same time, each with its share of the cores (and with several GPUs, one each)</source>
        <translation>Gleichzeitig trainierte Läufe, jeder mit seinem Anteil der Kerne (und bei mehreren GPUs mit je einer)</translation>
    </message>
    <message>
        <source>Runs trained at the same time</source>
        <translation>Gleichzeitig trainierte Läufe</translation>
    </message>
    <message>
        <source>Successive halving: curves cut at their rung</source>
        <translation>Successive Halving: Kurven an ihrer Stufe abgeschnitten</translation>
    </message>
    <message>
        <source>Which setting mattered</source>
        <translation>Welche Einstellung zählte</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>val loss</source>
        <translation>Val.-Verlust</translation>
    </message>
    <message>
        <source>val accuracy</source>
        <translation>Val.-Genauigkeit</translation>
    </message>
    <message>
        <source>rung</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>%1 of %2 points pruned; %3 epochs trained</source>
        <translation>%1 von %2 Punkten beschnitten; %3 Epochen trainiert</translation>
    </message>
    <message>
        <source>share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>share of what the settings explain (%)</source>
        <translation>Anteil dessen, was die Einstellungen erklären (%)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>where it stopped</source>
        <translation>wo er aufhörte</translation>
    </message>
    <message>
        <source>pruned</source>
        <translation>beschnitten</translation>
    </message>
    <message>
        <source>went on</source>
        <translation>lief weiter</translation>
    </message>
    <message numerus="yes">
        <source>Which setting mattered (%n points)</source>
        <translation>
            <numerusform>Welche Einstellung zählte (%n Punkt)</numerusform>
            <numerusform>Welche Einstellung zählte (%n Punkte)</numerusform>
        </translation>
    </message>
    <message>
        <source>From %1: each setting&apos;s share of the variance a random forest&apos;s splits on it remove</source>
        <translation>Aus %1: der Anteil jeder Einstellung an der Varianz, den die Teilungen eines Random Forest an ihr beseitigen</translation>
    </message>
</context>
<context>
    <name>tl::ui::Recipes</name>
    <message>
        <source>Seed 000: the custom CNN on CIFAR-10 (Adam, 10 epochs, early stopping)</source>
        <translation>Seed 000: das eigene CNN auf CIFAR-10 (Adam, 10 Epochen, frühes Stoppen)</translation>
    </message>
    <message>
        <source>Seed 000: ResNet50 on CIFAR-10 at 224 px, frozen then fine-tuned (the last 30 layers)</source>
        <translation>Seed 000: ResNet50 auf CIFAR-10 mit 224 px, eingefroren, dann Feinabstimmung (die letzten 30 Schichten)</translation>
    </message>
    <message>
        <source>Seed 000: VGG19 on CIFAR-10 at 224 px, frozen then fine-tuned (the last 150 layers)</source>
        <translation>Seed 000: VGG19 auf CIFAR-10 mit 224 px, eingefroren, dann Feinabstimmung (die letzten 150 Schichten)</translation>
    </message>
    <message>
        <source>Seed 001: VGG16 at 224 px, feature extraction with SGD, then block5 fine-tuned</source>
        <translation>Seed 001: VGG16 mit 224 px, Merkmalsextraktion mit SGD, dann Feinabstimmung von block5</translation>
    </message>
    <message>
        <source>Seed 002: VGG-style CNN, baseline (SGD 1e-3, momentum 0.9, 5 epochs)</source>
        <translation>Seed 002: CNN im VGG-Stil, Ausgangspunkt (SGD 1e-3, Momentum 0,9, 5 Epochen)</translation>
    </message>
    <message>
        <source>Seed 002: + BatchNorm (momentum 0.8) + L2 0.001 (SGD 1e-3, momentum 0.9, 5 epochs)</source>
        <translation>Seed 002: + BatchNorm (Momentum 0,8) + L2 0,001 (SGD 1e-3, Momentum 0,9, 5 Epochen)</translation>
    </message>
    <message>
        <source>Seed 002: + BatchNorm with momentum 0.8 (SGD 1e-3, momentum 0.9, 5 epochs)</source>
        <translation>Seed 002: + BatchNorm mit Momentum 0,8 (SGD 1e-3, Momentum 0,9, 5 Epochen)</translation>
    </message>
    <message>
        <source>Seed 002: VGG-style CNN + BatchNorm (SGD 1e-3, momentum 0.9, 5 epochs)</source>
        <translation>Seed 002: CNN im VGG-Stil + BatchNorm (SGD 1e-3, Momentum 0,9, 5 Epochen)</translation>
    </message>
    <message>
        <source>Seed 002 iteration IV: VGG16 truncated at block3_pool, frozen, new head</source>
        <translation>Seed 002, Iteration IV: VGG16, bei block3_pool abgeschnitten, eingefroren, neuer Kopf</translation>
    </message>
    <message>
        <source>Seed 002 iteration II: the same, block5 unfrozen (set_trainable from block5_conv1)</source>
        <translation>Seed 002, Iteration II: dasselbe, block5 freigegeben (set_trainable ab block5_conv1)</translation>
    </message>
    <message>
        <source>Seed 002 iteration I: VGG16 at 32 px, frozen, Flatten + Dense(256)+BN + Dropout(0.5)</source>
        <translation>Seed 002, Iteration I: VGG16 mit 32 px, eingefroren, Flatten + Dense(256)+BN + Dropout(0,5)</translation>
    </message>
    <message>
        <source>Seed 003: trainable VGG16 at 32 px with a Flatten + Dense(512)+BN + Dropout(0.5) head (Adam, early stopping on val_loss)</source>
        <translation>Seed 003: trainierbares VGG16 mit 32 px und einem Kopf aus Flatten + Dense(512)+BN + Dropout(0,5) (Adam, frühes Stoppen nach val_loss)</translation>
    </message>
    <message>
        <source>Seed 004: resnet18 with AutoAugment on 10 % of CIFAR-10, classifier retrained (Adam, 5 epochs)</source>
        <translation>Seed 004: resnet18 mit AutoAugment auf 10 % von CIFAR-10, Klassifikator neu trainiert (Adam, 5 Epochen)</translation>
    </message>
    <message>
        <source>Seed 004: vgg16 with AutoAugment on 10 % of CIFAR-10, classifier retrained (Adam, 5 epochs)</source>
        <translation>Seed 004: vgg16 mit AutoAugment auf 10 % von CIFAR-10, Klassifikator neu trainiert (Adam, 5 Epochen)</translation>
    </message>
    <message>
        <source>How deep to fine-tune ResNet18: the second stage trains from each of layer1-4 on (frozen throughout to all of it)</source>
        <translation>Wie tief ResNet18 feinabstimmen: Die zweite Stufe trainiert ab jeder von layer1-4 (von durchgehend eingefroren bis alles)</translation>
    </message>
    <message>
        <source>How deep to fine-tune VGG16: the second stage trains from each block on (frozen throughout to all of it)</source>
        <translation>Wie tief VGG16 feinabstimmen: Die zweite Stufe trainiert ab jedem Block (von durchgehend eingefroren bis alles)</translation>
    </message>
    <message>
        <source>Seed 000 as one sweep: the custom CNN, VGG19 and ResNet50 on CIFAR-10</source>
        <translation>Seed 000 als ein Sweep: das eigene CNN, VGG19 und ResNet50 auf CIFAR-10</translation>
    </message>
    <message>
        <source>Seed 001 as one sweep: VGG16 frozen then block5 fine-tuned, against frozen for the same epochs</source>
        <translation>Seed 001 als ein Sweep: VGG16 eingefroren, dann Feinabstimmung von block5, gegen eingefroren über dieselben Epochen</translation>
    </message>
    <message>
        <source>Seed 002 as one sweep: VGG-style CNN, baseline against + BatchNorm against + BatchNorm + L2</source>
        <translation>Seed 002 als ein Sweep: CNN im VGG-Stil, Ausgangspunkt gegen + BatchNorm gegen + BatchNorm + L2</translation>
    </message>
</context>
<context>
    <name>tl::ui::ResultsPanel</name>
    <message>
        <source>Train a model to see its results here.</source>
        <translation>Trainieren Sie ein Modell, um hier seine Ergebnisse zu sehen.</translation>
    </message>
    <message>
        <source>Per cent of each true class</source>
        <translation>Prozent jeder wahren Klasse</translation>
    </message>
    <message>
        <source>Show each row as percentages of that true class&apos;s images</source>
        <translation>Jede Zeile in Prozent der Bilder ihrer wahren Klasse zeigen</translation>
    </message>
    <message>
        <source>Rows: true class. Columns: predicted class. Click a cell to see its images.</source>
        <translation>Zeilen: wahre Klasse. Spalten: vorhergesagte Klasse. Klicken Sie auf eine Zelle, um ihre Bilder zu sehen.</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>Konfusionsmatrix</translation>
    </message>
    <message>
        <source>Rows: the true class; columns: the predicted class. Enter on a cell shows its images.</source>
        <translation>Zeilen: die wahre Klasse; Spalten: die vorhergesagte Klasse. Enter auf einer Zelle zeigt ihre Bilder.</translation>
    </message>
    <message>
        <source>Confusion matrix (rows: true class, columns: predicted)</source>
        <translation>Konfusionsmatrix (Zeilen: wahre Klasse, Spalten: vorhergesagt)</translation>
    </message>
    <message>
        <source>Scrub through training: the test confusion matrix after each epoch.</source>
        <translation>Durch das Training blättern: die Konfusionsmatrix der Testdaten nach jeder Epoche.</translation>
    </message>
    <message>
        <source>After &amp;epoch:</source>
        <translation>Nach &amp;Epoche:</translation>
    </message>
    <message>
        <source>Rows: the true class; columns: what the model said. The diagonal is right; click any other cell to see those mistakes.</source>
        <translation>Zeilen: die wahre Klasse; Spalten: was das Modell gesagt hat. Die Diagonale ist richtig; klicken Sie auf eine andere Zelle, um diese Fehler zu sehen.</translation>
    </message>
    <message>
        <source>Click a cell of the matrix.</source>
        <translation>Klicken Sie auf eine Zelle der Matrix.</translation>
    </message>
    <message>
        <source>Grad-&amp;CAM…</source>
        <translation>Grad-&amp;CAM…</translation>
    </message>
    <message>
        <source>Where the model looks in this image (opens it in Predict); double-clicking an image does the same</source>
        <translation>Wohin das Modell in diesem Bild schaut (öffnet es in Vorhersage); ein Doppelklick auf ein Bild tut dasselbe</translation>
    </message>
    <message>
        <source>Images in the cell, most wrong first</source>
        <translation>Bilder der Zelle, die falschesten zuerst</translation>
    </message>
    <message>
        <source>Under each image: what the model said, and how sure it was of the true class (the lower, the more wrong).</source>
        <translation>Unter jedem Bild: was das Modell gesagt hat und wie sicher es sich der wahren Klasse war (je niedriger, desto falscher).</translation>
    </message>
    <message>
        <source>Images in the cell</source>
        <translation>Bilder der Zelle</translation>
    </message>
    <message>
        <source>Arrow keys choose an image; Enter opens it in Grad-CAM.</source>
        <translation>Die Pfeiltasten wählen ein Bild; Enter öffnet es in Grad-CAM.</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Per class: precision, recall, F1 and images</source>
        <translation>Je Klasse: Präzision, Recall, F1 und Bilder</translation>
    </message>
    <message>
        <source>Most confused pairs</source>
        <translation>Am häufigsten verwechselte Paare</translation>
    </message>
    <message>
        <source>Enter shows the images of a pair.</source>
        <translation>Enter zeigt die Bilder eines Paars.</translation>
    </message>
    <message>
        <source>Per class</source>
        <translation>Je Klasse</translation>
    </message>
    <message>
        <source>Most confused (true → predicted)</source>
        <translation>Am häufigsten verwechselt (wahr → vorhergesagt)</translation>
    </message>
    <message>
        <source>Export &amp;report…</source>
        <translation>&amp;Bericht exportieren…</translation>
    </message>
    <message>
        <source>This run as one HTML page for a class handout: settings, curves, confusion matrix, per-class table, worst mistakes</source>
        <translation>Dieser Lauf als eine HTML-Seite für ein Handout: Einstellungen, Kurven, Konfusionsmatrix, Tabelle je Klasse, schlimmste Fehler</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation>Webseiten (*.html)</translation>
    </message>
    <message>
        <source>&amp;Mistakes</source>
        <translation>&amp;Fehler</translation>
    </message>
    <message>
        <source>&amp;Feature space</source>
        <translation>&amp;Merkmalsraum</translation>
    </message>
    <message>
        <source>Inside the network: the test set as a map, the nearest training images of an image, the labels it doubts</source>
        <translation>Im Inneren des Netzes: die Testdaten als Karte, die nächsten Trainingsbilder eines Bildes, die Labels, die es bezweifelt</translation>
    </message>
    <message>
        <source>&amp;Confidence</source>
        <translation>&amp;Sicherheit</translation>
    </message>
    <message>
        <source>How far its confidence can be trusted: reliability, calibration, a threshold for &quot;not sure&quot;</source>
        <translation>Wie weit seiner Sicherheit zu trauen ist: Zuverlässigkeit, Kalibrierung, eine Schwelle für „nicht sicher“</translation>
    </message>
    <message>
        <source>Click a cell of the matrix. Confidences are calibrated (T = %1).</source>
        <translation>Klicken Sie auf eine Zelle der Matrix. Die Sicherheiten sind kalibriert (T = %1).</translation>
    </message>
    <message>
        <source>test #%1</source>
        <translation>Test Nr. %1</translation>
    </message>
    <message>
        <source> · &lt;i&gt;stopped early&lt;/i&gt;</source>
        <translation> · &lt;i&gt;vorzeitig gestoppt&lt;/i&gt;</translation>
    </message>
    <message>
        <source>%1 (final)</source>
        <translation>%1 (final)</translation>
    </message>
    <message>
        <source>%1 → %2: %3</source>
        <translation>%1 → %2: %3</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>The matrix shows epoch %1; the images are the final model&apos;s predictions.</source>
        <translation>Die Matrix zeigt Epoche %1; die Bilder sind die Vorhersagen des finalen Modells.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; predicted correctly: %2 images</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; richtig vorhergesagt: %2 Bilder</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; predicted as &lt;b&gt;%2&lt;/b&gt;: %3 images</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; vorhergesagt als &lt;b&gt;%2&lt;/b&gt;: %3 Bilder</translation>
    </message>
    <message>
        <source>&lt;p&gt;test image %1&lt;br&gt;true class: &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;loss %3&lt;/p&gt;&lt;table cellspacing=4&gt;</source>
        <translation>&lt;p&gt;Testbild %1&lt;br&gt;wahre Klasse: &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;Verlust %3&lt;/p&gt;&lt;table cellspacing=4&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;calibrated probabilities (T = %1)&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;kalibrierte Wahrscheinlichkeiten (T = %1)&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Test accuracy %L1%&lt;/b&gt; · loss %L2 · top-5 %L3% · %L4 test images · %L5 s per epoch%6</source>
        <translation>&lt;b&gt;Testgenauigkeit %L1 %&lt;/b&gt; · Verlust %L2 · Top-5 %L3 % · %L4 Testbilder · %L5 s je Epoche%6</translation>
    </message>
</context>
<context>
    <name>tl::ui::RunFollower</name>
    <message>
        <source>&amp;Open in Results</source>
        <translation>In Ergebnisse &amp;öffnen</translation>
    </message>
    <message>
        <source>Available when the run has finished</source>
        <translation>Verfügbar, wenn der Lauf fertig ist</translation>
    </message>
    <message>
        <source>Stop following</source>
        <translation>Nicht mehr verfolgen</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>Kreuzentropie</translation>
    </message>
    <message>
        <source>train (batches)</source>
        <translation>Training (Batches)</translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation>Training (Epoche)</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Read from the run&apos;s folder: %1 (batches) and %2 (epochs).</source>
        <translation>Aus dem Ordner des Laufs gelesen: %1 (Batches) und %2 (Epochen).</translation>
    </message>
    <message>
        <source>Following %1</source>
        <translation>Verfolge %1</translation>
    </message>
    <message>
        <source>epoch %1 (stage %2, %3 of %4), batch %5 of %6, loss %7, accuracy %8, %9 images/s</source>
        <translation>Epoche %1 (Stufe %2, %3 von %4), Batch %5 von %6, Verlust %7, Genauigkeit %8, %9 Bilder/s</translation>
    </message>
    <message>
        <source>running on %1</source>
        <translation>läuft auf %1</translation>
    </message>
    <message>
        <source>%1: %2, %3</source>
        <translation>%1: %2, %3</translation>
    </message>
    <message>
        <source>waiting for the first progress report</source>
        <translation>warte auf den ersten Fortschrittsbericht</translation>
    </message>
    <message>
        <source> (%1 s ago)</source>
        <translation> (vor %1 s)</translation>
    </message>
    <message>
        <source>finished: test accuracy %1 after %2 epochs</source>
        <translation>fertig: Testgenauigkeit %1 nach %2 Epochen</translation>
    </message>
</context>
<context>
    <name>tl::ui::RunQueue</name>
    <message>
        <source>about %1</source>
        <translation>etwa %1</translation>
    </message>
    <message>
        <source>finished earlier</source>
        <translation>schon früher fertig</translation>
    </message>
    <message>
        <source>stopped after its last full epoch; Retry continues it</source>
        <translation>nach seiner letzten vollständigen Epoche angehalten; Wiederholen setzt ihn fort</translation>
    </message>
    <message>
        <source>stopped before its first epoch ended</source>
        <translation>vor dem Ende seiner ersten Epoche angehalten</translation>
    </message>
    <message>
        <source>cancelled before it started</source>
        <translation>vor dem Start abgebrochen</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>eingereiht</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>stopping…</source>
        <translation>wird angehalten…</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>took %1</source>
        <translation>dauerte %1</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>Best val acc</source>
        <translation>Beste Val.-Gen.</translation>
    </message>
    <message>
        <source>Test acc</source>
        <translation>Testgenauigkeit</translation>
    </message>
</context>
<context>
    <name>tl::ui::RunsModel</name>
    <message>
        <source>%1, %2 %</source>
        <translation>%1, %2 %</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>damaged (see the tooltip)</source>
        <translation>beschädigt (siehe Tooltip)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>running on %1</source>
        <translation>läuft auf %1</translation>
    </message>
    <message>
        <source>interrupted (resumable)</source>
        <translation>unterbrochen (fortsetzbar)</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>unvollständig</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <source>Trainable</source>
        <translation>Trainierbar</translation>
    </message>
    <message>
        <source>Total params</source>
        <translation>Parameter gesamt</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>Stufen</translation>
    </message>
    <message>
        <source>Best val acc</source>
        <translation>Beste Val.-Gen.</translation>
    </message>
    <message>
        <source>Test acc</source>
        <translation>Testgenauigkeit</translation>
    </message>
    <message>
        <source>s/epoch</source>
        <translation>s/Epoche</translation>
    </message>
    <message>
        <source>images/s</source>
        <translation>Bilder/s</translation>
    </message>
</context>
<context>
    <name>tl::ui::RunsPanel</name>
    <message>
        <source>These runs were not tested on the same images with the same labels, so their test accuracies cannot be compared: files moved between class folders redraw a test split taken from the same folder, and fixed test labels change what counts as right. Images that flipped scores both runs against run B&apos;s labels.</source>
        <translation>Diese Läufe wurden nicht mit denselben Bildern und Labels getestet, also sind ihre Testgenauigkeiten nicht vergleichbar: Zwischen Klassenordnern verschobene Dateien ziehen eine aus demselben Ordner gezogene Testaufteilung neu, und korrigierte Test-Labels ändern, was als richtig gilt. „Bilder, die gekippt sind“ misst beide Läufe an den Labels von Lauf B.</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Enter opens the run in Results.</source>
        <translation>Enter öffnet den Lauf in Ergebnisse.</translation>
    </message>
    <message>
        <source>Filter runs</source>
        <translation>Läufe filtern</translation>
    </message>
    <message>
        <source>Filter (model, dataset, run name)…</source>
        <translation>Filter (Modell, Datensatz, Laufname)…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>&amp;Compare selected</source>
        <translation>Ausgewählte &amp;vergleichen</translation>
    </message>
    <message>
        <source>&amp;Open in Results</source>
        <translation>In Ergebnisse &amp;öffnen</translation>
    </message>
    <message>
        <source>Re&amp;sume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Continue an interrupted run from its last completed epoch</source>
        <translation>Einen unterbrochenen Lauf ab seiner letzten abgeschlossenen Epoche fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Follow</source>
        <translation>Ve&amp;rfolgen</translation>
    </message>
    <message>
        <source>Watch a run another program is training (a CLI run, a cluster job writing into this folder): live curves and status</source>
        <translation>Einen Lauf beobachten, den ein anderes Programm trainiert (ein CLI-Lauf, ein Cluster-Job, der in diesen Ordner schreibt): Live-Kurven und Status</translation>
    </message>
    <message>
        <source>Export &amp;report…</source>
        <translation>&amp;Bericht exportieren…</translation>
    </message>
    <message>
        <source>One HTML page of the selected runs, for a class handout</source>
        <translation>Eine HTML-Seite der ausgewählten Läufe für ein Handout</translation>
    </message>
    <message>
        <source>F&amp;older…</source>
        <translation>Or&amp;dner…</translation>
    </message>
    <message>
        <source>Show the runs of another folder, e.g. a shared folder that cluster jobs write into</source>
        <translation>Die Läufe eines anderen Ordners zeigen, z. B. eines gemeinsamen Ordners, in den Cluster-Jobs schreiben</translation>
    </message>
    <message>
        <source>Select the runs for the report first.</source>
        <translation>Wählen Sie zuerst die Läufe für den Bericht.</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation>Webseiten (*.html)</translation>
    </message>
    <message>
        <source>Runs folder</source>
        <translation>Laufordner</translation>
    </message>
    <message>
        <source>Runs in %1</source>
        <translation>Läufe in %1</translation>
    </message>
    <message>
        <source>Select the run to follow first.</source>
        <translation>Wählen Sie zuerst den zu verfolgenden Lauf.</translation>
    </message>
    <message>
        <source>Select two or more runs first.</source>
        <translation>Wählen Sie zuerst zwei oder mehr Läufe.</translation>
    </message>
    <message>
        <source>%1 cannot be resumed: it is %2.</source>
        <translation>%1 kann nicht fortgesetzt werden: Er ist %2.</translation>
    </message>
</context>
<context>
    <name>tl::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>Was sie tun</translation>
    </message>
    <message>
        <source>Tab, Shift+Tab</source>
        <translation>Tab, Umschalt+Tab</translation>
    </message>
    <message>
        <source>Next or previous control</source>
        <translation>Nächstes oder vorheriges Bedienelement</translation>
    </message>
    <message>
        <source>Ctrl+Tab, Ctrl+Shift+Tab</source>
        <translation>Strg+Tab, Strg+Umschalt+Tab</translation>
    </message>
    <message>
        <source>Next or previous tab (also Ctrl+Page Down/Up)</source>
        <translation>Nächster oder vorheriger Reiter (auch Strg+Bild ab/auf)</translation>
    </message>
    <message>
        <source>Alt + underlined letter</source>
        <translation>Alt + unterstrichener Buchstabe</translation>
    </message>
    <message>
        <source>The control or menu whose label has that letter underlined</source>
        <translation>Das Bedienelement oder Menü, in dessen Beschriftung dieser Buchstabe unterstrichen ist</translation>
    </message>
    <message>
        <source>F10</source>
        <translation>F10</translation>
    </message>
    <message>
        <source>The menu bar</source>
        <translation>Die Menüleiste</translation>
    </message>
    <message>
        <source>Arrow keys, Page Up/Down</source>
        <translation>Pfeiltasten, Bild auf/ab</translation>
    </message>
    <message>
        <source>Move inside a list, table, tree or slider</source>
        <translation>Innerhalb einer Liste, Tabelle, eines Baums oder Schiebereglers bewegen</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Leertaste</translation>
    </message>
    <message>
        <source>Press a button; tick or untick a check box or a layer in the tree (unticked layers are frozen)</source>
        <translation>Eine Schaltfläche drücken; ein Kontrollkästchen oder eine Schicht im Baum an- oder abhaken (abgehakte Schichten sind eingefroren)</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Confusion matrix: show the images of the current cell; a gallery: open the current image</source>
        <translation>Konfusionsmatrix: die Bilder der aktuellen Zelle zeigen; eine Galerie: das aktuelle Bild öffnen</translation>
    </message>
    <message>
        <source>Shift+F10, Menu key</source>
        <translation>Umschalt+F10, Menütaste</translation>
    </message>
    <message>
        <source>A view&apos;s context menu</source>
        <translation>Das Kontextmenü einer Ansicht</translation>
    </message>
    <message>
        <source>Escape</source>
        <translation>Escape</translation>
    </message>
    <message>
        <source>Close a dialog or menu</source>
        <translation>Einen Dialog oder ein Menü schließen</translation>
    </message>
    <message>
        <source>Every action works from the keyboard. The focused control has a frame around it.</source>
        <translation>Jede Aktion funktioniert mit der Tastatur. Das Bedienelement mit dem Fokus hat einen Rahmen.</translation>
    </message>
</context>
<context>
    <name>tl::ui::SweepDialog</name>
    <message>
        <source>Sweep: many runs from the current settings</source>
        <translation>Sweep: viele Läufe aus den aktuellen Einstellungen</translation>
    </message>
    <message>
        <source>Each row is a setting of the current experiment and the values to try, separated by commas. Every combination becomes one run (a grid); repeats run each with another seed, for error bars.</source>
        <translation>Jede Zeile ist eine Einstellung des aktuellen Experiments und die zu probierenden Werte, durch Kommas getrennt. Jede Kombination wird ein Lauf (ein Gitter); Wiederholungen laufen jeweils mit einem anderen Seed, für Fehlerbalken.</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <source>Values (comma-separated)</source>
        <translation>Werte (durch Kommas getrennt)</translation>
    </message>
    <message>
        <source>Settings to sweep and their values</source>
        <translation>Einstellungen für den Sweep und ihre Werte</translation>
    </message>
    <message>
        <source>+ Setting</source>
        <translation>+ Einstellung</translation>
    </message>
    <message>
        <source>− Setting</source>
        <translation>− Einstellung</translation>
    </message>
    <message>
        <source>Add a setting</source>
        <translation>Eine Einstellung hinzufügen</translation>
    </message>
    <message>
        <source>Remove the current setting</source>
        <translation>Die aktuelle Einstellung entfernen</translation>
    </message>
    <message>
        <source>Runs of each point with seeds seed, seed+1, ...: the results show mean ± standard deviation</source>
        <translation>Läufe jedes Punkts mit den Seeds Seed, Seed+1, ...: Die Ergebnisse zeigen Mittelwert ± Standardabweichung</translation>
    </message>
    <message>
        <source>Repeats (seeds)</source>
        <translation>Wiederholungen (Seeds)</translation>
    </message>
    <message>
        <source>Sweep name</source>
        <translation>Name des Sweeps</translation>
    </message>
    <message>
        <source>Add to queue</source>
        <translation>Zur Warteschlange hinzufügen</translation>
    </message>
    <message>
        <source>row %1 has values but no setting</source>
        <translation>Zeile %1 hat Werte, aber keine Einstellung</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no values</source>
        <translation>&apos;%1&apos; hat keine Werte</translation>
    </message>
    <message>
        <source>add a setting and the values to try</source>
        <translation>Fügen Sie eine Einstellung und die zu probierenden Werte hinzu</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;Not a valid sweep: %1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00020&apos;&gt;Kein gültiger Sweep: %1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>1 run</source>
        <translation>1 Lauf</translation>
    </message>
    <message>
        <source>%1 runs</source>
        <translation>%1 Läufe</translation>
    </message>
    <message>
        <source> · about %1 at the speed measured for these models</source>
        <translation> · etwa %1 bei der für diese Modelle gemessenen Geschwindigkeit</translation>
    </message>
    <message>
        <source> · at least %1; %2 of them use a model with no finished run to time it by</source>
        <translation> · mindestens %1; %2 davon verwenden ein Modell ohne fertigen Lauf, an dem man sie messen könnte</translation>
    </message>
    <message>
        <source> · time unknown: no finished run of these models to time them by</source>
        <translation> · Zeit unbekannt: kein fertiger Lauf dieser Modelle, an dem man sie messen könnte</translation>
    </message>
</context>
<context>
    <name>tl::ui::TeachPanel</name>
    <message>
        <source>Download the weights</source>
        <translation>Gewichte herunterladen</translation>
    </message>
    <message>
        <source>Features: %1 of %2 images</source>
        <translation>Merkmale: %1 von %2 Bildern</translation>
    </message>
    <message>
        <source>Features of all %1 images ready</source>
        <translation>Merkmale aller %1 Bilder bereit</translation>
    </message>
    <message>
        <source>Live: %1 frames/s</source>
        <translation>Live: %1 Bilder/s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>trained in %1 s</source>
        <translation>in %1 s trainiert</translation>
    </message>
    <message>
        <source>Trained in %1 s: %2 % of the recorded images right. Show the camera something.</source>
        <translation>In %1 s trainiert: %2 % der aufgenommenen Bilder richtig. Zeigen Sie der Kamera etwas.</translation>
    </message>
    <message>
        <source>Backbone: %1</source>
        <translation>Backbone: %1</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Öffnen…</translation>
    </message>
    <message>
        <source>Open a project: a folder with one subfolder of images per class</source>
        <translation>Ein Projekt öffnen: ein Ordner mit einem Unterordner voller Bilder je Klasse</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <source>Copy the project into a new folder and go on there</source>
        <translation>Das Projekt in einen neuen Ordner kopieren und dort weitermachen</translation>
    </message>
    <message>
        <source>Open a Teach project</source>
        <translation>Ein Unterrichtsprojekt öffnen</translation>
    </message>
    <message>
        <source>Save the project into a new, empty folder</source>
        <translation>Das Projekt in einem neuen, leeren Ordner speichern</translation>
    </message>
    <message>
        <source>The camera: its number (0 is the first webcam), or a video file that stands in for one</source>
        <translation>Die Kamera: ihre Nummer (0 ist die erste Webcam) oder eine Videodatei, die sie vertritt</translation>
    </message>
    <message>
        <source>Video…</source>
        <translation>Video…</translation>
    </message>
    <message>
        <source>Use a video file as the camera</source>
        <translation>Eine Videodatei als Kamera verwenden</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <source>The frozen network that turns each image into features; changing it computes them again</source>
        <translation>Das eingefrorene Netz, das jedes Bild in Merkmale umwandelt; eine Änderung berechnet sie neu</translation>
    </message>
    <message>
        <source>ImageNet weights</source>
        <translation>ImageNet-Gewichte</translation>
    </message>
    <message>
        <source>Project:</source>
        <translation>Projekt:</translation>
    </message>
    <message>
        <source>Camera:</source>
        <translation>Kamera:</translation>
    </message>
    <message>
        <source>New class, e.g. &quot;thumbs up&quot;</source>
        <translation>Neue Klasse, z. B. „Daumen hoch“</translation>
    </message>
    <message>
        <source>Add class</source>
        <translation>Klasse hinzufügen</translation>
    </message>
    <message>
        <source>The camera is off: choose a camera (or a video file) above and press Camera, or hold a class&apos;s Record button.</source>
        <translation>Die Kamera ist aus: Wählen Sie oben eine Kamera (oder eine Videodatei) und drücken Sie Kamera, oder halten Sie die Aufnahmetaste einer Klasse gedrückt.</translation>
    </message>
    <message>
        <source>Trains only a small head on the features computed while recording: seconds</source>
        <translation>Trainiert nur einen kleinen Kopf auf den bei der Aufnahme berechneten Merkmalen: Sekunden</translation>
    </message>
    <message>
        <source>0.0 s</source>
        <translation>0,0 s</translation>
    </message>
    <message>
        <source>Training the head…</source>
        <translation>Trainiere den Kopf…</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Predict every camera frame</source>
        <translation>Jedes Kamerabild vorhersagen</translation>
    </message>
    <message>
        <source>Train as an experiment…</source>
        <translation>Als Experiment trainieren…</translation>
    </message>
    <message>
        <source>Open these classes as a folder dataset in the Data tab: train a full run, inspect it and export it like any other</source>
        <translation>Diese Klassen als Ordner-Datensatz im Reiter Daten öffnen: einen vollständigen Lauf trainieren, ihn untersuchen und exportieren wie jeden anderen</translation>
    </message>
    <message>
        <source>Hold to record (%1)</source>
        <translation>Zum Aufnehmen halten (%1)</translation>
    </message>
    <message>
        <source>Hold to record</source>
        <translation>Zum Aufnehmen halten</translation>
    </message>
    <message>
        <source>Frames are recorded while this button (or the key %1) is held</source>
        <translation>Bilder werden aufgenommen, solange diese Schaltfläche (oder die Taste %1) gedrückt ist</translation>
    </message>
    <message>
        <source>Click an image to delete it; drop image files or folders here</source>
        <translation>Klicken Sie auf ein Bild, um es zu löschen; ziehen Sie Bilddateien oder Ordner hierher</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n Bild</numerusform>
            <numerusform>%n Bilder</numerusform>
        </translation>
    </message>
    <message>
        <source>No images yet: hold the button while the camera shows this class, or drop image files here.</source>
        <translation>Noch keine Bilder: Halten Sie die Schaltfläche gedrückt, während die Kamera diese Klasse zeigt, oder ziehen Sie Bilddateien hierher.</translation>
    </message>
    <message numerus="yes">
        <source>Only %n image(s): record at least %1, from several sides and distances, so the model learns the class and not one picture.</source>
        <translation>
            <numerusform>Nur %n Bild: Nehmen Sie mindestens %1 auf, von mehreren Seiten und aus verschiedenen Abständen, damit das Modell die Klasse lernt und nicht ein Bild.</numerusform>
            <numerusform>Nur %n Bilder: Nehmen Sie mindestens %1 auf, von mehreren Seiten und aus verschiedenen Abständen, damit das Modell die Klasse lernt und nicht ein Bild.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — click to delete</source>
        <translation>%1 — zum Löschen klicken</translation>
    </message>
    <message>
        <source>A video file to use as the camera</source>
        <translation>Eine Videodatei als Kamera</translation>
    </message>
    <message>
        <source>Videos (*.avi *.mp4 *.mkv *.mov *.webm *.mjpg);;All files (*)</source>
        <translation>Videos (*.avi *.mp4 *.mkv *.mov *.webm *.mjpg);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Computing the features again with %1…</source>
        <translation>Berechne die Merkmale erneut mit %1…</translation>
    </message>
    <message>
        <source>torchvision&apos;s ImageNet weights, in %1</source>
        <translation>ImageNet-Gewichte von torchvision, in %1</translation>
    </message>
    <message>
        <source>Not on this computer yet</source>
        <translation>Noch nicht auf diesem Computer</translation>
    </message>
    <message>
        <source>&lt;b&gt;Random features.&lt;/b&gt; %1 starts from random weights: it tells very different things apart (colours, large shapes) and similar ones poorly. Tick ImageNet weights for features that know objects.</source>
        <translation>&lt;b&gt;Zufällige Merkmale.&lt;/b&gt; %1 beginnt mit zufälligen Gewichten: Es unterscheidet sehr verschiedene Dinge (Farben, große Formen) und ähnliche schlecht. Haken Sie ImageNet-Gewichte an für Merkmale, die Objekte kennen.</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>Lade %1 herunter…</translation>
    </message>
    <message>
        <source>The download failed (no network?): copy the file in by hand (README: Teach, offline).</source>
        <translation>Der Download ist fehlgeschlagen (kein Netz?): Kopieren Sie die Datei von Hand hinein (README: Teach, offline).</translation>
    </message>
    <message>
        <source>Record images of at least two classes first</source>
        <translation>Nehmen Sie zuerst Bilder von mindestens zwei Klassen auf</translation>
    </message>
    <message>
        <source>Backbone:</source>
        <translation>Backbone:</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>&lt;b&gt;No ImageNet weights on this computer, so the features are random:&lt;/b&gt; they tell very different things apart (colours, large shapes) and similar ones poorly. Download them once, or copy %1 into PyTorch&apos;s cache (README: Teach).</source>
        <translation>&lt;b&gt;Keine ImageNet-Gewichte auf diesem Computer, daher sind die Merkmale zufällig:&lt;/b&gt; Sie unterscheiden sehr verschiedene Dinge (Farben, große Formen) und ähnliche schlecht. Laden Sie sie einmal herunter oder kopieren Sie %1 in den Cache von PyTorch (README: Teach).</translation>
    </message>
    <message>
        <source>PyTorch&apos;s cache: %1</source>
        <translation>Cache von PyTorch: %1</translation>
    </message>
</context>
<context>
    <name>tl::ui::TeachSession</name>
    <message>
        <source>Record images of at least two classes first.</source>
        <translation>Nehmen Sie zuerst Bilder von mindestens zwei Klassen auf.</translation>
    </message>
</context>
<context>
    <name>tl::ui::TrainingPanel</name>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>The same seed gives the same subset, shuffling, augmentation and starting weights: a run can be repeated exactly.</source>
        <translation>Derselbe Seed ergibt dieselbe Teilmenge, Durchmischung, Augmentierung und Startgewichte: Ein Lauf lässt sich genau wiederholen.</translation>
    </message>
    <message>
        <source>An epoch is one pass over every training image.</source>
        <translation>Eine Epoche ist ein Durchgang über jedes Trainingsbild.</translation>
    </message>
    <message>
        <source>Images per step: the model&apos;s weights change once per batch.</source>
        <translation>Bilder je Schritt: Die Gewichte des Modells ändern sich einmal pro Batch.</translation>
    </message>
    <message>
        <source>How the weights are changed from the gradients. Adam is a safe default; SGD with momentum is the classic.</source>
        <translation>Wie die Gewichte aus den Gradienten geändert werden. Adam ist eine sichere Wahl; SGD mit Momentum ist der Klassiker.</translation>
    </message>
    <message>
        <source>Learning rate: how big each step is. Too high and the loss rises or jumps; too low and nothing seems to happen. Adam: about 0.001.</source>
        <translation>Lernrate: wie groß jeder Schritt ist. Zu hoch, und der Verlust steigt oder springt; zu niedrig, und nichts scheint zu passieren. Adam: etwa 0,001.</translation>
    </message>
    <message>
        <source>SGD and RMSprop: how much of the previous step is kept.</source>
        <translation>SGD und RMSprop: wie viel vom vorherigen Schritt erhalten bleibt.</translation>
    </message>
    <message>
        <source>L2 regularisation: pulls the weights towards zero, against overfitting.</source>
        <translation>L2-Regularisierung: zieht die Gewichte Richtung null, gegen Überanpassung.</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>Compute threads. Automatic: every core TransferLab may use on this computer. Runs with different thread counts can differ in the last digits: fix it to repeat a run exactly on another machine.</source>
        <translation>Rechen-Threads. Automatisch: jeder Kern, den TransferLab auf diesem Computer nutzen darf. Läufe mit unterschiedlicher Thread-Zahl können in den letzten Stellen abweichen: Legen Sie sie fest, um einen Lauf auf einer anderen Maschine genau zu wiederholen.</translation>
    </message>
    <message>
        <source>+ Stage</source>
        <translation>+ Stufe</translation>
    </message>
    <message>
        <source>Add a fine-tuning stage: everything trainable, a tenth of the learning rate (the notebooks&apos; second step)</source>
        <translation>Eine Stufe zur Feinabstimmung (Fine-Tuning) hinzufügen: alles trainierbar, ein Zehntel der Lernrate (der zweite Schritt der Notebooks)</translation>
    </message>
    <message>
        <source>−</source>
        <translation>−</translation>
    </message>
    <message>
        <source>Remove the selected stage</source>
        <translation>Die gewählte Stufe entfernen</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Add a fine-tuning stage</source>
        <translation>Eine Stufe zur Feinabstimmung hinzufügen</translation>
    </message>
    <message>
        <source>as before (Model tab or earlier stage)</source>
        <translation>wie zuvor (Reiter Modell oder frühere Stufe)</translation>
    </message>
    <message>
        <source>Frozen layers keep their weights: only the rest learns. Applied when the stage starts: backbone, none, before:LAYER (e.g. before:block5_conv1), all-but-last:N or layer paths</source>
        <translation>Eingefrorene Schichten behalten ihre Gewichte: Nur der Rest lernt. Angewandt, wenn die Stufe beginnt: backbone, none, before:SCHICHT (z. B. before:block5_conv1), all-but-last:N oder Schichtpfade</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>konstant</translation>
    </message>
    <message>
        <source>step (÷10 every 10 epochs)</source>
        <translation>Stufen (÷10 alle 10 Epochen)</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>Kosinus</translation>
    </message>
    <message>
        <source>one-cycle</source>
        <translation>One-Cycle</translation>
    </message>
    <message>
        <source>reduce on plateau</source>
        <translation>bei Plateau senken</translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation>Frühes Stoppen</translation>
    </message>
    <message>
        <source>End the stage when validation accuracy has not improved for `patience` epochs, and keep the best epoch&apos;s weights</source>
        <translation>Die Stufe beenden, wenn sich die Validierungsgenauigkeit `patience` Epochen lang nicht verbessert hat, und die Gewichte der besten Epoche behalten</translation>
    </message>
    <message>
        <source>patience </source>
        <translation>Geduld </translation>
    </message>
    <message>
        <source>Patience (epochs)</source>
        <translation>Geduld (Epochen)</translation>
    </message>
    <message>
        <source>optional, e.g. &quot;frozen backbone&quot;</source>
        <translation>optional, z. B. „eingefrorener Backbone“</translation>
    </message>
    <message>
        <source>Names the run in the Runs tab and in comparisons.</source>
        <translation>Benennt den Lauf im Reiter Läufe und in Vergleichen.</translation>
    </message>
    <message>
        <source>Stages and hyperparameters</source>
        <translation>Stufen und Hyperparameter</translation>
    </message>
    <message>
        <source>&amp;Run name:</source>
        <translation>La&amp;ufname:</translation>
    </message>
    <message>
        <source>Stage:</source>
        <translation>Stufe:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Freeze at start:</source>
        <translation>Beim Start ein&amp;frieren:</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>&amp;Epochen:</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>&amp;Batchgröße:</translation>
    </message>
    <message>
        <source>&amp;Optimizer:</source>
        <translation>&amp;Optimierer:</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>&amp;Lernrate:</translation>
    </message>
    <message>
        <source>&amp;Momentum:</source>
        <translation>&amp;Momentum:</translation>
    </message>
    <message>
        <source>&amp;Weight decay:</source>
        <translation>Gewichts&amp;verfall:</translation>
    </message>
    <message>
        <source>Sc&amp;hedule:</source>
        <translation>LR-&amp;Zeitplan:</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>See&amp;d:</translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation>T&amp;hreads:</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Gewichtsverfall</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <source>Patience</source>
        <translation>Geduld</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>Training &amp;starten</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>Trainingsfortschritt</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Bereit.</translation>
    </message>
    <message>
        <source>Epoch results appear here.</source>
        <translation>Die Ergebnisse der Epochen erscheinen hier.</translation>
    </message>
    <message>
        <source>Training log</source>
        <translation>Trainingsprotokoll</translation>
    </message>
    <message>
        <source>One line per epoch: loss, accuracy, time.</source>
        <translation>Eine Zeile je Epoche: Verlust, Genauigkeit, Zeit.</translation>
    </message>
    <message>
        <source>&amp;Live view inside the network</source>
        <translation>Live-&amp;Ansicht im Inneren des Netzes</translation>
    </message>
    <message>
        <source>After each epoch: the first layer&apos;s filters and what they make of one test image (costs well under 1 % of the training time)</source>
        <translation>Nach jeder Epoche: die Filter der ersten Schicht und was sie aus einem Testbild machen (kostet deutlich unter 1 % der Trainingszeit)</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>Kreuzentropie</translation>
    </message>
    <message>
        <source>Loss: how wrong the model is, averaged over images (cross-entropy; lower is better). Training minimises it.</source>
        <translation>Verlust: wie falsch das Modell liegt, gemittelt über die Bilder (Kreuzentropie; niedriger ist besser). Das Training minimiert ihn.</translation>
    </message>
    <message>
        <source>train (batches)</source>
        <translation>Training (Batches)</translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation>Training (Epoche)</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>How wrong the model is: lower is better. Line: the latest batches; dot: an epoch&apos;s mean; orange: held-out images.</source>
        <translation>Wie falsch das Modell liegt: niedriger ist besser. Linie: die letzten Batches; Punkt: Mittel einer Epoche; orange: zurückgehaltene Bilder.</translation>
    </message>
    <message>
        <source>The thin line follows the latest batches, smoothed. A dot is the mean over a whole epoch, so it sits above the line while the model still improves during the epoch. Orange: the validation images, held out and never trained on.</source>
        <translation>Die dünne Linie folgt geglättet den letzten Batches. Ein Punkt ist das Mittel über eine ganze Epoche, daher liegt er über der Linie, solange sich das Modell während der Epoche noch verbessert. Orange: die Validierungsbilder, zurückgehalten und nie trainiert.</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Accuracy: the share of images whose most likely class is the right one.</source>
        <translation>Genauigkeit: der Anteil der Bilder, deren wahrscheinlichste Klasse die richtige ist.</translation>
    </message>
    <message>
        <source>Share of images classified right. Orange falling while blue rises: overfitting.</source>
        <translation>Anteil richtig klassifizierter Bilder. Orange fällt, während Blau steigt: Überanpassung.</translation>
    </message>
    <message>
        <source>Validation (orange) is what counts: images the model never trains on. When it falls while training accuracy rises, the model memorises the training images (overfitting). Set a validation split in the Data tab to see it.</source>
        <translation>Auf die Validierung (orange) kommt es an: Bilder, auf denen das Modell nie trainiert. Fällt sie, während die Trainingsgenauigkeit steigt, lernt das Modell die Trainingsbilder auswendig (Überanpassung). Stellen Sie im Reiter Daten einen Validierungsanteil ein, um sie zu sehen.</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>LR</translation>
    </message>
    <message>
        <source>The learning rate over time: schedules lower it as training goes on.</source>
        <translation>Die Lernrate im Zeitverlauf: Zeitpläne senken sie im Laufe des Trainings.</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Stopping after this batch… (press Stop again to skip the test evaluation; the run can then be resumed later)</source>
        <translation>Halte nach diesem Batch an… (drücken Sie erneut Stopp, um die Testauswertung zu überspringen; der Lauf kann dann später fortgesetzt werden)</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 epochs, freeze %2, %3 at %4</source>
        <translation>%1 Epochen, einfrieren %2, %3 mit %4</translation>
    </message>
    <message>
        <source>as before</source>
        <translation>wie zuvor</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <source>Paused. Resume to go on from the same batch.</source>
        <translation>Pausiert. Weiter setzt beim selben Batch fort.</translation>
    </message>
    <message numerus="yes">
        <source>Stage %1 (%2): %n epoch(s)</source>
        <translation>
            <numerusform>Stufe %1 (%2): %n Epoche</numerusform>
            <numerusform>Stufe %1 (%2): %n Epochen</numerusform>
        </translation>
    </message>
    <message>
        <source>epoch %1/%2 · batch %3/%4</source>
        <translation>Epoche %1/%2 · Batch %3/%4</translation>
    </message>
    <message>
        <source>epoch %1 of %2, %3 %</source>
        <translation>Epoche %1 von %2, %3 %</translation>
    </message>
    <message>
        <source>Batch size %1 is more than the %2 training images: it is now %3, one batch of every image per epoch.</source>
        <translation>Batchgröße %1 ist größer als die %2 Trainingsbilder: Sie ist jetzt %3, ein Batch aus jedem Bild je Epoche.</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>Test accuracy %1, loss %2. See the Results tab.</source>
        <translation>Testgenauigkeit %1, Verlust %2. Siehe Reiter Ergebnisse.</translation>
    </message>
    <message numerus="yes">
        <source>Stopped: the run keeps its %n completed epoch(s).</source>
        <translation>
            <numerusform>Angehalten: Der Lauf behält seine %n abgeschlossene Epoche.</numerusform>
            <numerusform>Angehalten: Der Lauf behält seine %n abgeschlossenen Epochen.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 / %2 images</source>
        <translation>%1 / %2 Bilder</translation>
    </message>
    <message>
        <source>testing · %1</source>
        <translation>Test · %1</translation>
    </message>
    <message>
        <source>estimating the time left…</source>
        <translation>schätze die Restzeit…</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>Rest %1</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Stopped before the first epoch ended: nothing was saved.</source>
        <translation>Vor dem Ende der ersten Epoche angehalten: Nichts wurde gespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>Stopped during the test evaluation. The run keeps its %n completed epoch(s) and is not finished: resume it from the Runs tab.</source>
        <translation>
            <numerusform>Während der Testauswertung angehalten. Der Lauf behält seine %n abgeschlossene Epoche und ist nicht fertig: Setzen Sie ihn im Reiter Läufe fort.</numerusform>
            <numerusform>Während der Testauswertung angehalten. Der Lauf behält seine %n abgeschlossenen Epochen und ist nicht fertig: Setzen Sie ihn im Reiter Läufe fort.</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting for %1 to load; training starts as soon as it is ready…</source>
        <translation>Warte, bis %1 geladen ist; das Training beginnt, sobald es bereit ist…</translation>
    </message>
    <message>
        <source>Not started: %1</source>
        <translation>Nicht gestartet: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>loss %L1 · accuracy %L2 · %L3 images/s · lr %L4 · ETA %5</source>
        <translation>Verlust %L1 · Genauigkeit %L2 · %L3 Bilder/s · LR %L4 · Rest %5</translation>
    </message>
    <message>
        <source>epoch %1: loss %L2, accuracy %L3</source>
        <translation>Epoche %1: Verlust %L2, Genauigkeit %L3</translation>
    </message>
    <message>
        <source> | validation loss %L1, accuracy %L2</source>
        <translation> | Validierung: Verlust %L1, Genauigkeit %L2</translation>
    </message>
    <message>
        <source> | %L1 s, %L2 images/s</source>
        <translation> | %L1 s, %L2 Bilder/s</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>balanced</source>
        <translation>ausgeglichen</translation>
    </message>
    <message>
        <source>Balanced: in the training loss each class counts as much as the others, however few images it has (a class with half the images weighs twice as much per image). For imbalanced data (Results → Data health); validation and test losses stay unweighted.</source>
        <translation>Ausgeglichen: Im Trainingsverlust zählt jede Klasse so viel wie die anderen, wie wenige Bilder sie auch hat (eine Klasse mit halb so vielen Bildern wiegt pro Bild doppelt so viel). Für unausgewogene Daten (Ergebnisse → Datengesundheit); Validierungs- und Testverlust bleiben ungewichtet.</translation>
    </message>
    <message>
        <source>Class weights</source>
        <translation>Klassengewichte</translation>
    </message>
    <message>
        <source>Class wei&amp;ghts:</source>
        <translation>&amp;Klassengewichte:</translation>
    </message>
</context>
<context>
    <name>tl::ui::UnitChart</name>
    <message numerus="yes">
        <source>%n point(s) from %1 to %2</source>
        <translation>
            <numerusform>%n Punkt von %1 bis %2</numerusform>
            <numerusform>%n Punkte von %1 bis %2</numerusform>
        </translation>
    </message>
    <message>
        <source>No values yet.</source>
        <translation>Noch keine Werte.</translation>
    </message>
</context>
<context>
    <name>tl::ui::Workbench</name>
    <message>
        <source>Check the settings: %1</source>
        <translation>Prüfen Sie die Einstellungen: %1</translation>
    </message>
    <message>
        <source>class demo</source>
        <translation>Klassen-Demo</translation>
    </message>
    <message>
        <source>Choose or download the data in the Data tab, then Start.</source>
        <translation>Wählen Sie die Daten im Reiter Daten oder laden Sie sie herunter, dann Start.</translation>
    </message>
    <message>
        <source>%1 is not loaded.</source>
        <translation>%1 ist nicht geladen.</translation>
    </message>
    <message>
        <source>%1 could not be loaded: %2</source>
        <translation>%1 konnte nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>The ImageNet weights of %1 are not on this computer. In the Model tab, press Download (needs the internet once), or set Weights to &quot;Random initialisation&quot;.</source>
        <translation>Die ImageNet-Gewichte von %1 sind nicht auf diesem Computer. Drücken Sie im Reiter Modell auf Herunterladen (einmal Internet nötig) oder stellen Sie Gewichte auf „Zufällige Initialisierung“.</translation>
    </message>
    <message>
        <source>The data could not be loaded: %1</source>
        <translation>Die Daten konnten nicht geladen werden: %1</translation>
    </message>
</context>
</TS>
