package org.raqib.ingest.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.raqib.models.HotlistEntry;
import org.raqib.models.Topics;

/**
 * A demo hot-list: the simulator's wanted plates ({@link TrafficModel#wantedPlates()}) published to the
 * compacted {@code raqib.hotlist}, as an authority would publish stolen or wanted vehicles. It is an
 * input of the pipeline like any hot-list, not a hint: the jobs still have to read the plate in a frame
 * and match it.
 */
public final class WantedVehicles {

    /** Reasons and priorities given to the wanted plates in turn. */
    private static final String[] REASONS = {"stolen", "wanted", "unpaid-fines", "amber-alert"};
    private static final int[] PRIORITIES = {1, 1, 3, 1};

    private WantedVehicles() {
    }

    /** The hot-list entries for {@code plates}, valid for a day from {@code now}. */
    public static List<HotlistEntry> entries(List<String> plates, Instant now) {
        List<HotlistEntry> out = new ArrayList<>();
        for (int i = 0; i < plates.size(); i++) {
            out.add(HotlistEntry.newBuilder().setPlateText(plates.get(i)).setReason(REASONS[i % REASONS.length])
                    .setPriority(PRIORITIES[i % PRIORITIES.length]).setValidUntil(now.plus(Duration.ofDays(1)))
                    .setRemoved(false).setUpdatedAt(now).build());
        }
        return out;
    }

    /**
     * Publishes the entries for {@code plates} to {@code raqib.hotlist} (key: plate text) and waits for
     * the broker to acknowledge them.
     *
     * @return how many were published
     */
    public static int publish(String bootstrapServers, List<String> plates) {
        List<HotlistEntry> entries = entries(plates, Instant.now());
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(CameraSimulator.producerProperties(bootstrapServers))) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (HotlistEntry e : entries) {
                sent.add(producer.send(new ProducerRecord<>(Topics.HOTLIST.name(), e.getPlateText(),
                        Topics.HOTLIST.wire().encode(e))));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the hot-list", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the hot-list could not be published: " + e.getCause(), e.getCause());
        }
        return entries.size();
    }
}
