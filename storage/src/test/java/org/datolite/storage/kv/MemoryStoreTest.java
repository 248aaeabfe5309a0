package org.datolite.storage.kv;

class MemoryStoreTest extends KeyValueStoreContract {
  @Override
  protected KeyValueStore openStore() {
    return new MemoryStore("contract");
  }
}
