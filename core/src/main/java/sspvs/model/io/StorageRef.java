package sspvs.model.io;

/**
 * What a pickle's persistent id {@code ('storage', torch.FloatStorage, key, location, numel)} names: the archive
 * file {@code data/<key>} holding {@code numel} elements of one type.
 */
record StorageRef(String key, String className, StorageType type, long numel) {}
