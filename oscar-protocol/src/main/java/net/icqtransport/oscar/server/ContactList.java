package net.icqtransport.oscar.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * One owner's server-stored list (reference {@code ssi_item}): items keyed by (group id, item id), in the order
 * they were added. The builder path keeps the master group (group id 0) and each group's TLV 0x00C8 member ids
 * itself; client edits (13/08, 13/09, 13/0A) store items exactly as sent, since the reference leaves the member
 * lists to the client (snac_13_09). Thread-safe.
 */
final class ContactList {
  /** The group contacts land in when none is named. */
  static final String DEFAULT_GROUP = "General";

  private final Map<Integer, SsiItem> items = new LinkedHashMap<>();
  private long lastChange;

  /** The list as 13/06 sends it, and its last change time (unix seconds). */
  record Snapshot(List<SsiItem> items, long lastChange) {}

  private static int key(int groupId, int itemId) {
    return (groupId << 16) | itemId;
  }

  /**
   * Adds a contact to a group (created if new) as the builder does; adding it again to the same group updates
   * the nickname. Keeps the master group's and the group's TLV 0x00C8 current.
   */
  synchronized void add(String contactScreenName, String nickname, String groupName) {
    String name = groupName == null || groupName.isBlank() ? DEFAULT_GROUP : groupName;
    SsiItem group = items.values().stream()
        .filter(item -> item.type() == SsiItem.TYPE_GROUP && item.groupId() != 0 && item.name().equals(name))
        .findFirst().orElse(null);
    if (group == null) {
      SsiItem master = items.computeIfAbsent(key(0, 0),
          k -> new SsiItem("", 0, 0, SsiItem.TYPE_GROUP, TlvChain.empty()));
      group = new SsiItem(name, freeGroupId(), 0, SsiItem.TYPE_GROUP, TlvChain.empty());
      items.put(key(group.groupId(), 0), group);
      items.put(key(0, 0), master.withMember(group.groupId()));
    }
    String contactKey = ScreenNames.normalize(contactScreenName);
    int groupId = group.groupId();
    SsiItem existing = items.values().stream()
        .filter(item -> item.type() == SsiItem.TYPE_BUDDY && item.groupId() == groupId
            && ScreenNames.normalize(item.name()).equals(contactKey))
        .findFirst().orElse(null);
    int itemId = existing != null ? existing.itemId() : freeItemId();
    TlvChain data = nickname == null || nickname.isEmpty()
        ? TlvChain.empty()
        : TlvChain.of(Tlv.ofBytes(SsiItem.TLV_NICKNAME, nickname.getBytes(StandardCharsets.UTF_8)));
    items.put(key(groupId, itemId), new SsiItem(contactScreenName, groupId, itemId, SsiItem.TYPE_BUDDY, data));
    if (existing == null) {
      items.put(key(groupId, 0), group.withMember(itemId));
    }
    touch();
  }

  synchronized Optional<SsiItem> find(int groupId, int itemId) {
    return Optional.ofNullable(items.get(key(groupId, itemId)));
  }

  /** Whether a buddy of that name is already in that group (a second add is "already exists"). */
  synchronized boolean hasBuddy(int groupId, String screenName) {
    String wanted = ScreenNames.normalize(screenName);
    return items.values().stream().anyMatch(item -> item.type() == SsiItem.TYPE_BUDDY && item.groupId() == groupId
        && ScreenNames.normalize(item.name()).equals(wanted));
  }

  synchronized int count(int type) {
    return (int) items.values().stream().filter(item -> item.type() == type).count();
  }

  /** Stores an item as the client sent it (13/08 or 13/09). */
  synchronized void put(SsiItem item) {
    items.put(key(item.groupId(), item.itemId()), item);
    touch();
  }

  synchronized Optional<SsiItem> remove(int groupId, int itemId) {
    SsiItem removed = items.remove(key(groupId, itemId));
    if (removed != null) {
      touch();
    }
    return Optional.ofNullable(removed);
  }

  /** The buddy items naming {@code screenName} (normally one). */
  synchronized List<SsiItem> buddies(String screenName) {
    String wanted = ScreenNames.normalize(screenName);
    return items.values().stream()
        .filter(item -> item.type() == SsiItem.TYPE_BUDDY && ScreenNames.normalize(item.name()).equals(wanted))
        .toList();
  }

  /** Normalized screen names of every buddy item in the list. */
  synchronized Set<String> contacts() {
    Set<String> result = new LinkedHashSet<>();
    items.values().stream().filter(item -> item.type() == SsiItem.TYPE_BUDDY)
        .forEach(item -> result.add(ScreenNames.normalize(item.name())));
    return result;
  }

  /**
   * Whether the owner blocks {@code screenName}: a deny item (type 0x0003) names it and the privacy mode
   * (TLV 0x00CA of the type-0x0004 item) is 4, "block the deny list", as on AIM and ICQ servers.
   */
  synchronized boolean denies(String screenName) {
    String wanted = ScreenNames.normalize(screenName);
    boolean listed = items.values().stream().anyMatch(item -> item.type() == SsiItem.TYPE_DENY
        && ScreenNames.normalize(item.name()).equals(wanted));
    boolean denyMode = items.values().stream().filter(item -> item.type() == SsiItem.TYPE_PRIVACY)
        .flatMap(item -> item.data().bytes(SsiItem.TLV_PRIVACY_MODE).stream())
        .anyMatch(mode -> mode.length == 1 && mode[0] == SsiItem.PRIVACY_BLOCK_DENY_LIST);
    return listed && denyMode;
  }

  synchronized Snapshot snapshot() {
    return new Snapshot(new ArrayList<>(items.values()), lastChange);
  }

  private void touch() {
    lastChange = Math.max(lastChange + 1, System.currentTimeMillis() / 1000);
  }

  private int freeGroupId() {
    int max = items.values().stream().mapToInt(SsiItem::groupId).max().orElse(0);
    return max + 1;
  }

  private int freeItemId() {
    int max = items.values().stream().mapToInt(SsiItem::itemId).max().orElse(0);
    return max + 1;
  }
}
